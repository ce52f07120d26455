using FollowUps.Delivery;

namespace FollowUps.Templates;

/// <summary>
/// Renders an email draft into the message a sender takes. Subject: the template filled with plain values. Body: the
/// template filled with Markdown-escaped values (the meeting link as a link), then one Markdown document rendered as
/// HTML and as plain text, so both parts say the same. A meeting link the body does not place goes in a closing "Book
/// a time" line; the account's postal address and the recipient's unsubscribe link, when configured, in a footer.
/// Thread-safe.
/// </summary>
internal sealed class EmailComposer(FollowUpOptions defaults)
{
    private const string MeetingLink = "meeting_link";

    public EmailMessage Compose(FollowUpKey key, string to, EmailDraft draft)
    {
        var values = draft.Values;
        var body = EmailTemplate.Parse(draft.Body.ReplaceLineEndings("\n"));
        var markdown = body.Fill(name => name == MeetingLink ? LinkOrEmpty(values.MeetingLink) : EmailMarkdown.Escape(values[name])).Trim();
        if (values.MeetingLink is { } link && !body.Uses(MeetingLink))
        {
            markdown += $"\n\nBook a time: {EmailMarkdown.Link(link)}";
        }

        var unsubscribeUrl = UnsubscribeUrl(key.AccountId, to);
        var content = EmailMarkdown.Parse(markdown);
        var footer = Footer(unsubscribeUrl) is { } footerMarkdown ? EmailMarkdown.Parse(footerMarkdown) : null;
        return new EmailMessage
        {
            Key = key,
            To = to,
            FromName = values.FromName,
            Subject = EmailTemplate.Parse(draft.Subject).Fill(name => values[name]).Trim(),
            TextBody = footer is null
                ? EmailMarkdown.ToPlainText(content)
                : $"{EmailMarkdown.ToPlainText(content)}\n{EmailMarkdown.ToPlainText(footer)}",
            HtmlBody = HtmlDocument(EmailMarkdown.ToHtml(content), footer is null ? null : EmailMarkdown.ToHtml(footer)),
            UnsubscribeUrl = unsubscribeUrl,
        };
    }

    private static string LinkOrEmpty(string? url) => url is null ? "" : EmailMarkdown.Link(url);

    private string? UnsubscribeUrl(string accountId, string to) =>
        string.IsNullOrWhiteSpace(defaults.UnsubscribeUrl) || string.IsNullOrEmpty(defaults.UnsubscribeSigningKey)
            ? null
            : UnsubscribeToken.Link(defaults.UnsubscribeUrl.Trim(), UnsubscribeToken.Create(defaults.UnsubscribeSigningKey, accountId, to));

    /// <summary>The postal address, one line per line, and the unsubscribe link; <see langword="null"/> when neither is configured.</summary>
    private string? Footer(string? unsubscribeUrl)
    {
        var lines = (defaults.PostalAddress ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var address = string.Join("\n", lines.Select(EmailMarkdown.Escape));
        var unsubscribe = unsubscribeUrl is null ? "" : EmailMarkdown.Link("Unsubscribe", unsubscribeUrl);
        var footer = $"{address}\n\n{unsubscribe}".Trim();
        return footer.Length == 0 ? null : footer;
    }

    private static string HtmlDocument(string content, string? footer)
    {
        var foot = footer is null ? "" : $"<div style=\"color:#6b6b6b;font-size:12px;margin-top:24px\">\n{footer}</div>\n";
        return $"<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n{content}{foot}</body>\n</html>\n";
    }
}
