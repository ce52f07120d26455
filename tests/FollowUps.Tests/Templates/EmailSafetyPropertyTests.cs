using System.Text.RegularExpressions;
using CsCheck;
using FollowUps.Rules;
using FollowUps.Templates;
using FollowUps.Tests.Rules;

namespace FollowUps.Tests.Templates;

/// <summary>
/// Whatever a user types as subject and body and whatever a call brings as first name: the campaign is refused with a
/// named field, or the email renders with only the subset's tags, only https/http/mailto links, and a one-line subject.
/// </summary>
public sealed partial class EmailSafetyPropertyTests
{
    private static readonly string[] Fragments =
    [
        "Hi ", "{{ first_name }}", "{{ meeting_link }}", "{{ brand }}", "{{", "}}", "{%{", "}%}", "{{ 'A' * 9 }}", "{{ x }}",
        "**", "*", "_", "[", "](", ")", "(", "<", ">", "![", "\\", "`", "# ", "> ", "- ", "1. ", "    ", "\n", "\n\n", "\r\n",
        "javascript:alert(1)", "https://x.example/p?q=1&r=2", "mailto:a@b.example", "data:text/html,x", "vbscript:x",
        "[bob]: ", "[bob]", "\u2028", "\u2029", "&#x202E;", "- - ", "<script>", "</b>", "<a href=\"javascript:x\">", "<img src=x onerror=alert(1)>", "&amp;", "&#x3C;", "&lt;", "\"", "'", " ",
    ];

    private static readonly string[] AllowedTags = ["!DOCTYPE", "html", "head", "meta", "body", "div", "p", "br", "strong", "em", "a", "ul", "ol", "li", "hr"];

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.OneOf(Fragments).Array[0, 30].Select(parts => string.Concat(parts)),
        Gen.String[0, 200]);

    private static readonly Gen<string> FirstName = Gen.OneOf(
        Gen.OneOf<string>("Ann", "<script>alert(1)</script>", "*Bob*", "[x](javascript:alert(1))", "Zoë & \"Co\"", "{{ brand }}", "\r\nBcc: x@y.example", "<https://evil.example>"),
        Gen.String[0, 40]);

    [Fact]
    public void AnySubjectBodyAndFirstName_IsRefusedByFieldOrRendersOnlySafeMarkup()
    {
        var defaults = Scenario.Account();
        var composer = new EmailComposer(defaults);
        Gen.Select(Text, Text, FirstName).Sample((subject, body, firstName) =>
        {
            var campaign = Campaigns.All() with { Email = Campaigns.Email with { Subject = subject, Body = body } };
            var result = CampaignValidator.Validate(campaign, defaults);
            if (!result.IsValid)
            {
                result.Errors.Should().OnlyContain(e => e.Field == "Email.Subject" || e.Field == "Email.Body");
                return;
            }

            var values = new EmailValues(SlotText.FirstName(firstName), "Dana at Acme", SlotText.FirstName(firstName), "Acme Dental", "https://cal.example.com/acme");
            var message = composer.Compose(new FollowUpKey("a", "c", "p", FollowUpKind.Email), "ann@example.com", new EmailDraft(subject, body, values, ClosesWithMeetingLink: true), defaults.UnsubscribeSigningKey);
            var html = message.HtmlBody!;
            message.Subject.Should().NotContainAny("\r", "\n");
            Tags().Matches(html).Select(m => m.Groups[1].Value).Should().BeSubsetOf(AllowedTags, html);
            Hrefs().Matches(html).Select(m => m.Groups[1].Value)
                .All(href => href.StartsWith("https://", StringComparison.Ordinal) || href.StartsWith("http://", StringComparison.Ordinal) || href.StartsWith("mailto:", StringComparison.Ordinal))
                .Should().BeTrue(html);
            EventHandlerAttribute().IsMatch(html).Should().BeFalse(html);
            IsSubsequence(VisibleText(html), message.TextBody).Should().BeTrue($"the plain text shows everything the HTML shows:\n{html}\n---\n{message.TextBody}");
        }, iter: 5_000);
    }

    /// <summary>The characters a reader sees in the HTML body: tags dropped, entities decoded, white space dropped.</summary>
    private static string VisibleText(string html)
    {
        var body = html[(html.IndexOf("<body>", StringComparison.Ordinal) + 6)..];
        return string.Concat(System.Net.WebUtility.HtmlDecode(Tags().Replace(body, " ")).Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>Whether every character of <paramref name="shown"/> appears in <paramref name="text"/> in order (the text may add link addresses and list markers).</summary>
    private static bool IsSubsequence(string shown, string text)
    {
        var at = 0;
        foreach (var c in text)
        {
            if (at < shown.Length && c == shown[at])
            {
                at++;
            }
        }

        return at == shown.Length;
    }

    [GeneratedRegex("<\\s*/?\\s*([A-Za-z!]+)[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Hrefs();

    [GeneratedRegex("<[^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
