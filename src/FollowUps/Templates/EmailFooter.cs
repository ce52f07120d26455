using FollowUps.Delivery;

namespace FollowUps.Templates;

/// <summary>
/// How every email ends, compiled once per postal address and unsubscribe page: in the HTML, a small footer with the
/// address (one line per line) and the recipient's unsubscribe link, then the end of the document; in the plain text,
/// the same after a blank line. The recipient's token is a slot (<see cref="SlotValues.Token"/>): its characters
/// (base64url and dots) need no escaping in a URL or in HTML. Immutable; thread-safe.
/// </summary>
internal sealed class EmailFooter
{
    private const string DocumentEnd = "</body>\n</html>\n";

    private EmailFooter(SlottedText html, SlottedText text)
    {
        Html = html;
        Text = text;
    }

    /// <summary>The HTML after the body: the footer, if any, and the end of the document.</summary>
    public SlottedText Html { get; }

    /// <summary>The plain text after the body's: the footer after a blank line, or nothing.</summary>
    public SlottedText Text { get; }

    /// <summary>
    /// The footer for <paramref name="postalAddress"/> and, when <paramref name="unsubscribePage"/> is set, a link to it
    /// with the recipient's token added as its <c>token</c> query parameter.
    /// </summary>
    public static EmailFooter Compile(string? postalAddress, string? unsubscribePage)
    {
        for (var attempt = 0; ; attempt++)
        {
            var markerBase = EmailMarkers.Base(attempt);
            if ((postalAddress ?? "").Contains(markerBase, StringComparison.OrdinalIgnoreCase) || (unsubscribePage ?? "").Contains(markerBase, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var markdown = Markdown(postalAddress, unsubscribePage is null ? null : UnsubscribeToken.Link(unsubscribePage, EmailMarkers.Marker(markerBase, SlotValues.Token)));
            if (markdown is null)
            {
                return new EmailFooter(SlottedText.Literal(DocumentEnd), SlottedText.Literal(""));
            }

            var document = EmailMarkdown.Parse(markdown);
            return new EmailFooter(
                SlottedText.Split("<div style=\"color:#6b6b6b;font-size:12px;margin-top:24px\">\n", $"{EmailMarkdown.ToHtml(document)}</div>\n{DocumentEnd}", markerBase),
                SlottedText.Split("\n", EmailMarkdown.ToPlainText(document), markerBase));
        }
    }

    /// <summary>The postal address, one line per line, and the unsubscribe link; <see langword="null"/> when neither is configured.</summary>
    private static string? Markdown(string? postalAddress, string? unsubscribeUrl)
    {
        var lines = (postalAddress ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var address = string.Join("\n", lines.Select(EmailMarkdown.Escape));
        var unsubscribe = unsubscribeUrl is null ? "" : EmailMarkdown.Link("Unsubscribe", unsubscribeUrl);
        var footer = $"{address}\n\n{unsubscribe}".Trim();
        return footer.Length == 0 ? null : footer;
    }
}
