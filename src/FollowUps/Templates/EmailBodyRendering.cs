namespace FollowUps.Templates;

/// <summary>
/// A body rendered by Markdig once, while it is compiled: the meeting link in place, marker values in the other
/// placeholders (<see cref="EmailMarkers"/>), and every rule checked on the document. Thread-safe.
/// </summary>
internal static class EmailBodyRendering
{
    /// <summary>
    /// <paramref name="template"/> with <paramref name="link"/> as the meeting link (a stand-in whose links are taken out,
    /// their labels kept, without <paramref name="hasMeetingLink"/>) and the markers of <paramref name="markerBase"/>,
    /// as an HTML fragment and plain text; or why it must not be sent.
    /// </summary>
    public static Rendered Render(EmailTemplate template, string link, bool hasMeetingLink, bool closesWithMeetingLink, string markerBase)
    {
        var markdown = template.Fill(name => name == EmailTemplate.MeetingLink ? EmailMarkdown.Link(link) : EmailMarkers.Marker(markerBase, name)).Trim();
        try
        {
            var document = EmailMarkdown.Parse(markdown);
            if (!hasMeetingLink)
            {
                EmailMarkdown.Unlink(document, link);
            }

            var text = EmailMarkdown.ToPlainText(document);
            if (text.Length == 0)
            {
                return Refused(!hasMeetingLink && template.Uses(EmailTemplate.MeetingLink)
                    ? "shows no text without a meeting link; write the message, or set Email.MeetingLink"
                    : "shows no text; write the message");
            }

            if (closesWithMeetingLink && hasMeetingLink && !EmailMarkdown.Links(document).Contains(link, StringComparer.Ordinal))
            {
                document = EmailMarkdown.Parse($"{markdown}\n\nBook a time: {EmailMarkdown.Link(link)}");
                text = EmailMarkdown.ToPlainText(document);
            }

            if (EmailMarkdown.FindProblem(document) is { } problem)
            {
                return Refused(problem);
            }

            // A value there would break the link or make a new one; a slot is text, never part of an address.
            return EmailMarkdown.Addresses(document).Any(url => url.Contains(markerBase, StringComparison.OrdinalIgnoreCase))
                ? Refused("puts a placeholder inside a link's address; only {{ meeting_link }} can be a link")
                : new Rendered(EmailMarkdown.ToHtml(document), text, Problem: null);
        }
        catch (ArgumentException ex) when (ex.Message.Contains("nested", StringComparison.OrdinalIgnoreCase))
        {
            return Refused("is nested too deeply (lists inside lists, brackets or emphasis marks)");
        }
    }

    private static Rendered Refused(string problem) => new("", "", problem);

    /// <summary>A rendered body: its HTML fragment and plain text, or the problem that stops it.</summary>
    public sealed record Rendered(string Html, string Text, string? Problem);
}
