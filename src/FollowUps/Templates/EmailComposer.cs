using FollowUps.Delivery;
using FollowUps.Rules;

namespace FollowUps.Templates;

/// <summary>
/// Renders an email draft into the message a sender takes: the subject filled with plain values, the body through
/// <see cref="EmailBody"/>, and a footer with the account's postal address and the recipient's unsubscribe link when
/// configured. It checks what it produced, whatever was validated before: a body <see cref="EmailBody"/> refuses, or a
/// subject or from name with a control or invisible character, throws <see cref="InvalidOperationException"/>, which the
/// engine records as <see cref="OutcomeReason.RenderFailed"/>. Thread-safe. It keeps no signing key (it lives in the
/// accounts cache): the caller gives the one unsubscribe links are signed with on each compose.
/// </summary>
internal sealed class EmailComposer(FollowUpOptions defaults)
{
    /// <summary>The message <paramref name="draft"/> makes for <paramref name="to"/>, its unsubscribe link signed with <paramref name="signingKey"/>.</summary>
    public EmailMessage Compose(FollowUpKey key, string to, EmailDraft draft, string? signingKey)
    {
        var values = draft.Values;
        var subject = EmailTemplate.Parse(draft.Subject).Fill(name => values[name]).Trim();
        Require(SlotRules.IsOneLine(subject), "subject");
        Require(SlotRules.IsOneLine(values.FromName), "from name");
        var body = EmailBody.Render(EmailBody.Template(draft.Body), values, draft.ClosesWithMeetingLink);
        if (body.Problem is { } problem)
        {
            throw new InvalidOperationException($"The email body {problem}.");
        }

        var unsubscribeUrl = UnsubscribeUrl(key.AccountId, to, signingKey);
        var footer = Footer(unsubscribeUrl) is { } markdown ? EmailMarkdown.Parse(markdown) : null;
        return new EmailMessage
        {
            Key = key,
            To = to,
            FromName = values.FromName,
            Subject = subject,
            TextBody = footer is null ? body.Text : $"{body.Text}\n{EmailMarkdown.ToPlainText(footer)}",
            HtmlBody = HtmlDocument(body.Html, footer is null ? null : EmailMarkdown.ToHtml(footer)),
            UnsubscribeUrl = unsubscribeUrl,
        };
    }

    private static void Require(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"The email {what} has a line break, control or invisible character; nothing was sent.");
        }
    }

    private string? UnsubscribeUrl(string accountId, string to, string? signingKey) =>
        string.IsNullOrWhiteSpace(defaults.UnsubscribeUrl) || string.IsNullOrEmpty(signingKey)
            ? null
            : UnsubscribeToken.Link(defaults.UnsubscribeUrl.Trim(), UnsubscribeToken.Create(signingKey, accountId, to));

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
