using FollowUps.Rules;
using Markdig;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FollowUps.Templates;

/// <summary>
/// The "basic formatting" of email bodies: a small Markdown subset (paragraphs, line breaks, <c>**bold**</c>,
/// <c>*italic*</c>, links, bullet and numbered lists, and a line of <c>---</c> or <c>***</c> after a blank line as a
/// separator) parsed by Markdig with raw HTML off, rendered as HTML and as plain text from the same document.
/// Headings, quotes, code and tables are not parsed: their marks stay text. Thread-safe.
/// </summary>
internal static class EmailMarkdown
{
    private static readonly MarkdownPipeline Pipeline = CreatePipeline();

    /// <summary>The link schemes a body may use.</summary>
    private static readonly string[] LinkSchemes = ["https", "http", "mailto"];

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>
    /// <paramref name="text"/> as Markdown that reads as exactly that text: every ASCII punctuation character
    /// backslash-escaped (CommonMark 2.4), so a name such as <c>*Bob*</c> or <c>[x](y)</c> formats nothing; and
    /// <c>&lt;</c> and <c>&gt;</c> as entities, since inside an autolink a backslash escapes nothing and a value's
    /// <c>&gt;</c> would close a link the campaign's text opened.
    /// </summary>
    public static string Escape(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is ' ' || !char.IsAscii(c) || char.IsControl(c))
            {
                builder.Append(c);
            }
            else if (c is '<' or '>')
            {
                builder.Append(c == '<' ? "&lt;" : "&gt;");
            }
            else
            {
                builder.Append('\\').Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>An absolute link as Markdown: an autolink, shown as the address itself.</summary>
    public static string Link(string url) => $"<{url}>";

    /// <summary>A link with a label as Markdown; the label is escaped.</summary>
    public static string Link(string label, string url) => $"[{Escape(label)}](<{url}>)";

    /// <summary>Takes the links to <paramref name="url"/> out of <paramref name="document"/>: a link's label stays as text, an autolink goes.</summary>
    public static void Unlink(MarkdownDocument document, string url)
    {
        foreach (var link in document.Descendants<LinkInline>().Where(link => link.Url == url).ToList())
        {
            while (link.FirstChild is { } label)
            {
                label.Remove();
                link.InsertBefore(label);
            }

            link.Remove();
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().Where(autolink => autolink.Url == url).ToList())
        {
            autolink.Remove();
        }
    }

    /// <summary>Every address the document shows as a link: its links and autolinks.</summary>
    public static IEnumerable<string> Links(MarkdownDocument document) =>
        document.Descendants<LinkInline>().Select(link => link.Url ?? "")
            .Concat(document.Descendants<AutolinkInline>().Select(link => link.IsEmail ? $"mailto:{link.Url}" : link.Url));

    /// <summary>Every address in the document: its links, and its link reference definitions, used or not.</summary>
    public static IEnumerable<string> Addresses(MarkdownDocument document) =>
        Links(document).Concat(document.Descendants<LinkReferenceDefinition>().Select(definition => definition.Url ?? ""));

    /// <summary>
    /// Why the document cannot be sent as it is: an image, a link (or an unused link definition) that is not an absolute
    /// https, http or mailto address, a link inside a link, or an invisible character written as an HTML entity.
    /// </summary>
    public static string? FindProblem(MarkdownDocument document)
    {
        if (document.Descendants<LinkInline>().Any(link => link.IsImage))
        {
            return "may not hold images; link to the picture instead";
        }

        if (Addresses(document).FirstOrDefault(url => !HasAllowedScheme(url)) is { } address)
        {
            return $"links to '{address}'; a link must be an absolute address starting with https://, http:// or mailto:";
        }

        if (document.Descendants<LinkInline>().Any(link => link.Descendants<LinkInline>().Any() || link.Descendants<AutolinkInline>().Any()))
        {
            return "puts a link inside another link's label";
        }

        return document.Descendants<HtmlEntityInline>().Select(entity => entity.Transcoded.ToString()).Any(text => text.Any(c => SlotRules.IsInvisible(c) || (char.IsControl(c) && c is not ('\n' or '\t'))))
            ? "must not contain invisible or control characters, also not written as HTML entities"
            : null;
    }

    public static string ToHtml(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    public static string ToPlainText(MarkdownDocument document) => EmailPlainText.Render(document);

    private static bool HasAllowedScheme(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && LinkSchemes.Contains(uri.Scheme, StringComparer.Ordinal);

    private static MarkdownPipeline CreatePipeline()
    {
        var builder = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak();
        builder.BlockParsers.RemoveAll(p => p is HeadingBlockParser or QuoteBlockParser or FencedCodeBlockParser or IndentedCodeBlockParser);
        builder.BlockParsers.Find<ParagraphBlockParser>()!.ParseSetextHeadings = false;
        builder.InlineParsers.RemoveAll(p => p is CodeInlineParser);
        return builder.Build();
    }
}
