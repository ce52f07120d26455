using System.Runtime.CompilerServices;
using FollowUps.Internal;

namespace FollowUps.Templates;

/// <summary>
/// The one place an email body becomes its two parts, and the one place its rules are checked: each distinct body is
/// compiled once (for its meeting link, or none, and whether a closing line may add it) by rendering it with Markdig
/// with marker values in the placeholders and cutting both renderings at the markers; campaign validation and
/// <see cref="EmailComposer"/> both take that compiled form, so they cannot disagree. A value fills its slot as written
/// (HTML-escaped in the HTML) and never changes the formatting around it. Thread-safe.
/// </summary>
internal static class EmailBody
{
    /// <summary>The most formatting marks (<c>* _ [ ]</c>) a body may hold: enough for any email, few enough that Markdig's time stays small.</summary>
    public const int MaxFormattingMarks = 200;

    /// <summary>What every email's HTML starts with; the compiled body's HTML begins with it.</summary>
    public const string DocumentHead = "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n";

    /// <summary>The address that stands for a meeting link that is not set; no link to it is ever sent.</summary>
    private const string NoMeetingLink = "https://no-meeting-link.invalid/";

    /// <summary>The meeting link campaign validation compiles with when the campaign sets one.</summary>
    private const string SampleMeetingLink = "https://example.com/meeting-link";

    /// <summary>Marker bases tried, two by two, before a body is refused as one no marker can stand in (never seen: a base is eight random letters).</summary>
    private const int MaxAttempts = 16;

    /// <summary>Campaign bodies repeat from call to call: each distinct one is compiled once (of the latest 1,024), as <see cref="EmailTemplate"/>'s texts are parsed.</summary>
    /// <remarks>A campaign's body is the same string object from call to call, so most emails find theirs by its identity, without hashing the text.</remarks>
    private static readonly RecentByIdentity<(string Body, string? MeetingLink, bool Closes), Compiled> Bodies = new(
        new(1024, key => Compile(Template(key.Body), key.MeetingLink, key.Closes)),
        key => RuntimeHelpers.GetHashCode(key.Body),
        (a, b) => ReferenceEquals(a.Body, b.Body) && a.Closes == b.Closes && string.Equals(a.MeetingLink, b.MeetingLink, StringComparison.Ordinal));

    /// <summary>The body's template, its line endings made "\n" first (CR LF, CR, U+2028 and the other Unicode line breaks), as both paths read it.</summary>
    public static EmailTemplate Template(string body) => EmailTemplate.Parse(body.ReplaceLineEndings("\n"));

    /// <summary><paramref name="body"/> compiled for <paramref name="meetingLink"/>, from the cache.</summary>
    public static Compiled Of(string body, string? meetingLink, bool closesWithMeetingLink) => Bodies.Get((body, meetingLink, closesWithMeetingLink));

    /// <summary>
    /// Why the body template, filled with any values, would not render (with a meeting link or none, as the campaign has),
    /// or <see langword="null"/>: the same compile sending uses.
    /// </summary>
    public static string? Check(EmailTemplate template, bool hasMeetingLink) =>
        Compile(template, hasMeetingLink ? SampleMeetingLink : null, closesWithMeetingLink: true).Problem;

    /// <summary>
    /// The body <paramref name="template"/> compiled: the meeting link rendered into it as a link (and, with
    /// <paramref name="closesWithMeetingLink"/>, in a closing "Book a time" line when the body shows it nowhere; with no
    /// link, the placeholder's links taken out and their labels kept), every other placeholder a slot of the HTML
    /// (after <see cref="DocumentHead"/>) and of the plain text; or the <see cref="Compiled.Problem"/> that stops it.
    /// </summary>
    public static Compiled Compile(EmailTemplate template, string? meetingLink, bool closesWithMeetingLink)
    {
        if (template.Problem is { } invalid)
        {
            return Refused(invalid);
        }

        var bare = template.Fill(_ => "");
        var marks = bare.Count(c => c is '*' or '_' or '[' or ']');
        if (marks > MaxFormattingMarks)
        {
            return Refused($"has {marks} formatting marks (* _ [ ]); at most {MaxFormattingMarks}");
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt += 2)
        {
            var (a, b) = (EmailMarkers.Base(attempt), EmailMarkers.Base(attempt + 1));
            if (Mentions(bare, meetingLink, a) || Mentions(bare, meetingLink, b))
            {
                continue;
            }

            var first = EmailBodyRendering.Render(template, meetingLink ?? NoMeetingLink, meetingLink is not null, closesWithMeetingLink, a);
            if (first.Problem is { } problem)
            {
                return Refused(EmailMarkers.Unmark(problem, a));
            }

            // Rendered again with other markers, the same cuts prove no marker came from the campaign's own text (an
            // entity such as &#71; writes a letter) or from Markdig's output.
            var second = EmailBodyRendering.Render(template, meetingLink ?? NoMeetingLink, meetingLink is not null, closesWithMeetingLink, b);
            var html = SlottedText.Split(DocumentHead, first.Html, a);
            var text = SlottedText.Split("", first.Text, a);
            if (second.Problem is null && html.SameAs(SlottedText.Split(DocumentHead, second.Html, b)) && text.SameAs(SlottedText.Split("", second.Text, b)))
            {
                return new Compiled(html, text, Problem: null);
            }
        }

        return Refused("holds text that looks like the markers values are compiled with; change the wording a little");
    }

    private static bool Mentions(string bare, string? meetingLink, string markerBase) =>
        bare.Contains(markerBase, StringComparison.OrdinalIgnoreCase) || (meetingLink?.Contains(markerBase, StringComparison.OrdinalIgnoreCase) ?? false);

    private static Compiled Refused(string problem) => new(SlottedText.Literal(""), SlottedText.Literal(""), problem);

    /// <summary>A compiled body: its HTML (the document's start and the body) and plain text with slots, or the problem that stops it.</summary>
    public sealed record Compiled(SlottedText Html, SlottedText Text, string? Problem);
}
