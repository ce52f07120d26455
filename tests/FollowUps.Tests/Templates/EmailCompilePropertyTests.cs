using System.Text.RegularExpressions;
using CsCheck;
using FollowUps.Templates;
using FollowUps.Tests.Rules;

namespace FollowUps.Tests.Templates;

/// <summary>
/// The compiled composer against the renderer it replaced (<see cref="EmailOracle"/>, which parses every filled body
/// with Markdig): generated bodies with basic formatting around and beside placeholders, a meeting link or none, a
/// closing line or none, a footer or none.
/// </summary>
public sealed partial class EmailCompilePropertyTests
{
    private const string Link = "https://cal.example.com/acme-dental";
    private const string SigningKey = "test-signing-key-0123456789-abcdefghij";
    private static readonly FollowUpKey Key = new("acct-acme", "camp", "contact", FollowUpKind.Email);

    private static readonly FollowUpOptions Plain = Scenario.Account();

    private static readonly FollowUpOptions WithFooter = Scenario.Account(o =>
        (o.PostalAddress, o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("Acme Dental\n12 Main St *2*\nSpringfield, IL", "https://acme.example/u?list=a", SigningKey));

    private static readonly EmailComposer PlainComposer = new(Plain);
    private static readonly EmailComposer FooterComposer = new(WithFooter);

    private static readonly Gen<string> Atom = Gen.OneOf<string>(
        "Hi", "thanks", "your visit", "Acme's", "8 am", "we're", "a & b", "(soon)", "see you", "x", ",", ".", "!", ":", "; ok", "\"quoted\"",
        "{{ first_name }}", "{{ from_name }}", "{{ sender_name }}", "{{ brand }}", "{{ first_name }}", "{{ brand }}",
        "{{ meeting_link }}", "[book here]({{ meeting_link }})", "<https://acme.example/faq>", "[Email us](mailto:hello@acme.example)",
        "[site](https://acme.example/t \"About {{ brand }}\")", "**bold**{{ brand }}", "{{ first_name }}**bold**", "*it*{{ sender_name }}_x_");

    /// <summary>A few atoms, side by side or apart.</summary>
    private static readonly Gen<string> Run = Gen.Select(Atom.Array[1, 4], Gen.OneOf<string>(" ", "", ", ")).Select((atoms, gap) => string.Join(gap, atoms));

    private static readonly Gen<string> Formatted = Gen.OneOf(
        Run, Run, Run,
        Run.Select(r => $"**{r}**"), Run.Select(r => $"*{r}*"), Run.Select(r => $"_{r}_"), Run.Select(r => $"**{r}**s"),
        Run.Select(r => $"[{r}](https://acme.example/p)"), Run.Select(r => $"*{r}* and **{r}**"));

    private static readonly Gen<string> Line = Gen.Select(Formatted.Array[1, 4], Gen.OneOf<string>(" ", "")).Select((parts, gap) => string.Join(gap, parts));

    private static readonly Gen<string> Block = Gen.OneOf(
        Line.Array[1, 3].Select(lines => string.Join("\n", lines)),
        Line.Array[1, 3].Select(lines => string.Join("\n", lines)),
        Line.Array[1, 4].Select(items => "- " + string.Join("\n- ", items)),
        Line.Array[1, 4].Select(items => string.Concat(items.Select((item, i) => $"{i + 1}. {item}\n")).TrimEnd()),
        Gen.OneOf<string>("---", "***"));

    private static readonly Gen<string> Body = Gen.Select(Block.Array[1, 5], Gen.OneOf<string>("\n\n", "\r\n\r\n")).Select((blocks, gap) => string.Join(gap, blocks));

    private static readonly Gen<char> LetterOrDigit = Gen.OneOf(Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.Char['0', '9'], Gen.OneOf<char>('ë', 'é', 'Ł', 'ß', 'Ж', '李'));

    private static readonly Gen<char> Inner = Gen.OneOf(LetterOrDigit, Gen.OneOf<char>(' ', ' ', '*', '_', '[', ']', '<', '>', '&', '"', '\'', '\\', '.', ',', '!', '(', ')', '-', '#', ';', '`', '~'));

    /// <summary>An ordinary value: it starts and ends with a letter or digit and holds a letter; inside it, anything of one line.</summary>
    private static readonly Gen<string> Ordinary = Gen.Select(LetterOrDigit, Inner.Array[0, 12], LetterOrDigit)
        .Select((first, inner, last) => $"{first}{new string(inner)}{last}".Trim())
        .Where(v => v.Length > 0 && char.IsLetterOrDigit(v[0]) && char.IsLetterOrDigit(v[^1]) && v.Any(char.IsLetter))
        .Select(v => v.Length == 1 ? "Ann" : v);

    private static readonly Gen<string> Edgy = Gen.OneOf(
        Ordinary,
        Gen.OneOf<string>("*Ann", "Ann*", "_x_", "1", "12", "(Ann)", "Acme Inc.", "**", "[x]", "<b>", "copy", "O'Brien", "-", "#1", "&amp;", "\\", "Ann\\", "`x`", "https://acme.example/p", "..."),
        Gen.String[1, 16].Select(SlotText.Clean).Where(v => v.Length > 0));

    private static readonly Gen<(string Body, string Subject, bool HasLink, bool Closes, bool Footer)> Emails =
        Gen.Select(Body, Run, Gen.Bool, Gen.Bool, Gen.Bool);

    [Fact]
    public void Compose_GeneratedBodiesWithOrdinaryValues_IsByteIdenticalToTheMarkdigRenderer()
    {
        var (sent, refused) = (0, 0);
        Gen.Select(Emails, Ordinary.Array[4]).Sample((email, v) =>
        {
            var values = new EmailValues(v[0], v[1], v[2], v[3], email.HasLink ? Link : null);
            var draft = new EmailDraft(email.Subject, email.Body, values, email.Closes);
            var (expected, problem) = EmailOracle.Compose(email.Footer ? WithFooter : Plain, Key, "ann@example.com", draft, SigningKey);
            var compiled = Compiled(email.Footer, draft);

            if (expected is null)
            {
                compiled.Message.Should().BeNull($"the renderer refused it ({problem}):\n{email.Body}");
                Interlocked.Increment(ref refused);
                return;
            }

            compiled.Problem.Should().BeNull(email.Body);
            compiled.Message.Should().BeEquivalentTo(expected, $"the body was:\n{email.Body}");
            Interlocked.Increment(ref sent);
        }, iter: 3_000);

        sent.Should().BeGreaterThan(refused, "most generated bodies are valid, or the property says little");
    }

    /// <summary>
    /// A value never changes formatting: whatever its own punctuation, the email is the one Markdig renders with a plain
    /// word in its place, that word then replaced by the value (HTML-escaped in the HTML, as written in the text).
    /// </summary>
    [Fact]
    public void Compose_AnyValues_FormatAsAPlainWordWouldThenShowTheValue()
    {
        string[] words = ["Wfirstw", "Wfromw", "Wsenderw", "Wbrandw"];
        Gen.Select(Emails, Edgy.Array[4]).Sample((email, v) =>
        {
            var values = new EmailValues(v[0], v[1], v[2], v[3], email.HasLink ? Link : null);
            var draft = new EmailDraft(email.Subject, email.Body, values, email.Closes);
            var neutral = draft with { Values = new EmailValues(words[0], words[1], words[2], words[3], values.MeetingLink) };
            var (expected, problem) = EmailOracle.Compose(email.Footer ? WithFooter : Plain, Key, "ann@example.com", neutral, SigningKey);
            var compiled = Compiled(email.Footer, draft);

            if (expected is null)
            {
                compiled.Message.Should().BeNull($"the renderer refused it ({problem}):\n{email.Body}");
                return;
            }

            compiled.Problem.Should().BeNull(email.Body);
            var message = compiled.Message!;
            message.HtmlBody.Should().Be(Words().Replace(expected.HtmlBody!, m => HtmlEscape(v[Array.IndexOf(words, m.Value)])), email.Body);
            message.TextBody.Should().Be(Words().Replace(expected.TextBody, m => v[Array.IndexOf(words, m.Value)]), email.Body);
        }, iter: 2_000);
    }

    private static (EmailMessage? Message, string? Problem) Compiled(bool footer, EmailDraft draft)
    {
        try
        {
            return ((footer ? FooterComposer : PlainComposer).Compose(Key, "ann@example.com", draft, SigningKey), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>As Markdig's HtmlRenderer escapes text: these four characters, nothing else.</summary>
    private static string HtmlEscape(string value) =>
        value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    [GeneratedRegex("Wfirstw|Wfromw|Wsenderw|Wbrandw")]
    private static partial Regex Words();
}
