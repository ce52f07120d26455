using FollowUps.Delivery;
using FollowUps.Rules;
using FollowUps.Templates;

namespace FollowUps.Tests.Templates;

/// <summary>
/// The email renderer as it was before campaigns were compiled, kept as the oracle the compiled composer is measured
/// against: every message fills the body with Markdown-escaped values, parses the filled text with Markdig, walks the
/// document, renders both parts, and parses the footer too. Slow on purpose; tests only.
/// </summary>
internal static class EmailOracle
{
    private const string NoMeetingLink = "https://no-meeting-link.invalid/";

    /// <summary>What <c>EmailComposer.Compose</c> gave for <paramref name="draft"/>: the message, or the problem it threw with.</summary>
    public static (EmailMessage? Message, string? Problem) Compose(FollowUpOptions defaults, FollowUpKey key, string to, EmailDraft draft, string? signingKey)
    {
        var values = draft.Values;
        var subject = EmailTemplate.Parse(draft.Subject).Fill(name => values[name]).Trim();
        if (!SlotRules.IsOneLine(subject) || !SlotRules.IsOneLine(values.FromName))
        {
            return (null, "subject or from name is not one line");
        }

        var body = Render(EmailBody.Template(draft.Body), values, draft.ClosesWithMeetingLink);
        if (body.Problem is { } problem)
        {
            return (null, problem);
        }

        var unsubscribeUrl = string.IsNullOrWhiteSpace(defaults.UnsubscribeUrl) || string.IsNullOrEmpty(signingKey)
            ? null
            : UnsubscribeToken.Link(defaults.UnsubscribeUrl.Trim(), UnsubscribeToken.Create(signingKey, key.AccountId, to));
        var footer = Footer(defaults.PostalAddress, unsubscribeUrl) is { } markdown ? EmailMarkdown.Parse(markdown) : null;
        var foot = footer is null ? "" : $"<div style=\"color:#6b6b6b;font-size:12px;margin-top:24px\">\n{EmailMarkdown.ToHtml(footer)}</div>\n";
        return (new EmailMessage
        {
            Key = key,
            To = to,
            FromName = values.FromName,
            Subject = subject,
            TextBody = footer is null ? body.Text : $"{body.Text}\n{EmailMarkdown.ToPlainText(footer)}",
            HtmlBody = $"<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n{body.Html}{foot}</body>\n</html>\n",
            UnsubscribeUrl = unsubscribeUrl,
        }, null);
    }

    /// <summary>The body filled with <paramref name="values"/> (Markdown-escaped), parsed and rendered as HTML and plain text, or its problem.</summary>
    public static (string Html, string Text, string? Problem) Render(EmailTemplate template, EmailValues values, bool closesWithMeetingLink)
    {
        var marks = template.Fill(_ => "").Count(c => c is '*' or '_' or '[' or ']');
        if (marks > EmailBody.MaxFormattingMarks)
        {
            return ("", "", $"has {marks} formatting marks (* _ [ ]); at most {EmailBody.MaxFormattingMarks}");
        }

        var link = values.MeetingLink ?? NoMeetingLink;
        var markdown = template.Fill(name => name == EmailTemplate.MeetingLink ? EmailMarkdown.Link(link) : EmailMarkdown.Escape(values[name])).Trim();
        try
        {
            var document = EmailMarkdown.Parse(markdown);
            if (values.MeetingLink is null)
            {
                EmailMarkdown.Unlink(document, NoMeetingLink);
            }

            var text = EmailMarkdown.ToPlainText(document);
            if (text.Length == 0)
            {
                return ("", "", "shows no text");
            }

            if (closesWithMeetingLink && values.MeetingLink is not null && !EmailMarkdown.Links(document).Contains(link, StringComparer.Ordinal))
            {
                document = EmailMarkdown.Parse($"{markdown}\n\nBook a time: {EmailMarkdown.Link(link)}");
                text = EmailMarkdown.ToPlainText(document);
            }

            return EmailMarkdown.FindProblem(document) is { } problem ? ("", "", problem) : (EmailMarkdown.ToHtml(document), text, null);
        }
        catch (ArgumentException ex) when (ex.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            return ("", "", "is nested too deeply");
        }
    }

    /// <summary>Today's campaign check: <see cref="Render"/> with marker values, and no placeholder but the meeting link inside a link's address.</summary>
    public static string? Check(EmailTemplate template, bool hasMeetingLink)
    {
        const string marker = "xqzx";
        var sample = new EmailValues(marker, marker, marker, marker, hasMeetingLink ? "https://example.com/meeting-link" : null);
        if (Render(template, sample, closesWithMeetingLink: true).Problem is { } problem)
        {
            return problem;
        }

        var filled = template.Fill(name => name == EmailTemplate.MeetingLink ? EmailMarkdown.Link("https://example.com/meeting-link") : marker);
        return EmailMarkdown.Addresses(EmailMarkdown.Parse(filled.Trim())).Any(url => url.Contains(marker, StringComparison.OrdinalIgnoreCase))
            ? "puts a placeholder inside a link's address"
            : null;
    }

    private static string? Footer(string? postalAddress, string? unsubscribeUrl)
    {
        var lines = (postalAddress ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var address = string.Join("\n", lines.Select(EmailMarkdown.Escape));
        var unsubscribe = unsubscribeUrl is null ? "" : EmailMarkdown.Link("Unsubscribe", unsubscribeUrl);
        var footer = $"{address}\n\n{unsubscribe}".Trim();
        return footer.Length == 0 ? null : footer;
    }
}
