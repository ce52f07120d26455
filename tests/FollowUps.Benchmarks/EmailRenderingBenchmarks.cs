using BenchmarkDotNet.Attributes;
using FollowUps.Rules;
using FollowUps.Templates;

namespace FollowUps.Benchmarks;

/// <summary>
/// What one campaign email costs to render and to check: once per distinct campaign text, the Scriban parse and the
/// compile (Markdig renders the body twice with marker values; the old per-message Markdig parse and both renderings
/// are a row too, for comparison); per message, the whole composition (the compiled body and footer filled); and the
/// validation the planner runs, beside a baseline that fills the same body with
/// <see cref="string.Replace(string, string?, StringComparison)"/> and formats nothing.
/// </summary>
[MemoryDiagnoser]
public class EmailRenderingBenchmarks
{
    private const string Body =
        "Hi {{ first_name }},\n\nThanks for taking our call today. It's time for your **six-month cleaning and check-up**: " +
        "pick a time that suits you at {{ meeting_link }}.\n\n- We're open Monday to Saturday, 8 am to 6 pm.\n" +
        "- We accept most dental plans.\n- New-patient forms come with every booking confirmation, so there is nothing to print.\n\n" +
        "{{ sender_name }} and the {{ brand }} team";

    private static readonly FollowUpOptions Defaults = new()
    {
        BrandName = "Acme Dental",
        DefaultSenderName = "Dana",
        DefaultMeetingLink = "https://cal.example.com/acme-dental",
        PostalAddress = "Acme Dental\n100 Market Street\nSan Francisco, CA 94105",
        UnsubscribeUrl = "https://acme-dental.example/unsubscribe",
        UnsubscribeSigningKey = "benchmark-signing-key-0123456789abcdef",
    };

    private static readonly CampaignFollowUpSettings Campaign = new()
    {
        Email = new EmailFollowUpSettings { Enabled = true, AskForEmail = true, FromName = "Dana at Acme Dental", Subject = "{{ first_name }}, time for your cleaning", Body = Body, MeetingLink = "https://cal.example.com/acme-dental" },
    };

    private static readonly EmailValues Values = new("Maria", "Dana at Acme Dental", "Dana", "Acme Dental", "https://cal.example.com/acme-dental");
    private static readonly EmailDraft Draft = new(Campaign.Email.Subject!, Body, Values, ClosesWithMeetingLink: true);
    private static readonly FollowUpKey Key = new("acme-dental", "recall", "p-1001", FollowUpKind.Email);
    private static readonly string Filled = EmailTemplate.Parse(Body).Fill(n => n == "meeting_link" ? EmailMarkdown.Link(Values[n]) : EmailMarkdown.Escape(Values[n]));

    private readonly EmailComposer _composer = new(Defaults);

    [GlobalSetup]
    public void Check()
    {
        if (EmailValidator.ValidateEmail(Campaign).Count != 0 || !Compose().TextBody.Contains("Hi Maria,", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The benchmark campaign does not render; the figures would be meaningless.");
        }
    }

    [Benchmark(Baseline = true)]
    public string ReplaceOnly() => Body
        .Replace("{{ first_name }}", Values.FirstName, StringComparison.Ordinal)
        .Replace("{{ meeting_link }}", Values.MeetingLink, StringComparison.Ordinal)
        .Replace("{{ sender_name }}", Values.SenderName, StringComparison.Ordinal)
        .Replace("{{ brand }}", Values.Brand, StringComparison.Ordinal);

    [Benchmark]
    public string? ScribanParse() => EmailTemplate.Parse(Body).Problem;

    [Benchmark]
    public string MarkdigHtmlAndText()
    {
        var document = EmailMarkdown.Parse(Filled);
        return EmailMarkdown.ToHtml(document) + EmailMarkdown.ToPlainText(document);
    }

    [Benchmark]
    public string? CompileBody() => EmailBody.Compile(EmailBody.Template(Body), Values.MeetingLink, closesWithMeetingLink: true).Problem;

    [Benchmark]
    public EmailMessage Compose() => _composer.Compose(Key, "maria.alvarez@example.com", Draft, Defaults.UnsubscribeSigningKey);

    [Benchmark]
    public int Validate() => EmailValidator.ValidateEmail(Campaign).Count;
}
