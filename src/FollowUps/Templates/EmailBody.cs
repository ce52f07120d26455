namespace FollowUps.Templates;

/// <summary>
/// The one place an email body becomes its two parts, and the one place its rules are checked: campaign validation
/// renders it with sample values, <see cref="EmailComposer"/> with the contact's, and both refuse what breaks a rule.
/// Thread-safe.
/// </summary>
internal static class EmailBody
{
    /// <summary>The most formatting marks (<c>* _ [ ]</c>) a body may hold: enough for any email, few enough that Markdig's time stays small.</summary>
    public const int MaxFormattingMarks = 200;

    /// <summary>The body's template, its line endings made "\n" first (CR LF, CR, U+2028 and the other Unicode line breaks), as both paths read it.</summary>
    public static EmailTemplate Template(string body) => EmailTemplate.Parse(body.ReplaceLineEndings("\n"));

    /// <summary>
    /// The body <paramref name="template"/> with <paramref name="values"/>: the values Markdown-escaped, the meeting link as a
    /// link (and, with <paramref name="closesWithMeetingLink"/>, in a closing "Book a time" line when the body shows it
    /// nowhere), rendered as HTML and plain text.
    /// <see cref="Rendered.Problem"/> says why it must not be sent instead.
    /// </summary>
    public static Rendered Render(EmailTemplate template, EmailValues values, bool closesWithMeetingLink)
    {
        var marks = template.Fill(_ => "").Count(c => c is '*' or '_' or '[' or ']');
        if (marks > MaxFormattingMarks)
        {
            return Refused($"has {marks} formatting marks (* _ [ ]); at most {MaxFormattingMarks}");
        }

        // With no link, the placeholder is a stand-in address whose links are then taken out, their labels kept: the
        // body renders as if the placeholder were not there.
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
                return Refused(values.MeetingLink is null && template.Uses(EmailTemplate.MeetingLink)
                    ? "shows no text without a meeting link; write the message, or set Email.MeetingLink"
                    : "shows no text; write the message");
            }

            if (closesWithMeetingLink && values.MeetingLink is not null && !EmailMarkdown.Links(document).Contains(link, StringComparer.Ordinal))
            {
                document = EmailMarkdown.Parse($"{markdown}\n\nBook a time: {EmailMarkdown.Link(link)}");
                text = EmailMarkdown.ToPlainText(document);
            }

            return EmailMarkdown.FindProblem(document) is { } problem
                ? Refused(problem)
                : new Rendered(EmailMarkdown.ToHtml(document), text, Problem: null);
        }
        catch (ArgumentException ex) when (ex.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            return Refused("is nested too deeply (lists inside lists, brackets or emphasis marks)");
        }
    }

    /// <summary>
    /// Why the body template, filled with any values, would not render: <see cref="Render"/> with marker values (and a
    /// meeting link or none, as the campaign has), plus the rule that no placeholder but <c>{{ meeting_link }}</c> goes
    /// inside a link's address (a value there would break the link or make a new one).
    /// </summary>
    public static string? Check(EmailTemplate template, bool hasMeetingLink)
    {
        const string marker = "xqzx";
        var sample = new EmailValues(marker, marker, marker, marker, hasMeetingLink ? "https://example.com/meeting-link" : null);
        var rendered = Render(template, sample, closesWithMeetingLink: true);
        if (rendered.Problem is not null)
        {
            return rendered.Problem;
        }

        var filled = template.Fill(name => name == EmailTemplate.MeetingLink ? EmailMarkdown.Link("https://example.com/meeting-link") : marker);
        return EmailMarkdown.Addresses(EmailMarkdown.Parse(filled.Trim())).Any(url => url.Contains(marker, StringComparison.OrdinalIgnoreCase))
            ? "puts a placeholder inside a link's address; only {{ meeting_link }} can be a link"
            : null;
    }

    /// <summary>The address that stands for a meeting link that is not set; no link to it is ever sent.</summary>
    private const string NoMeetingLink = "https://no-meeting-link.invalid/";

    private static Rendered Refused(string problem) => new("", "", problem);

    /// <summary>A rendered body: its HTML fragment and plain text, or the problem that stops it.</summary>
    public sealed record Rendered(string Html, string Text, string? Problem);
}
