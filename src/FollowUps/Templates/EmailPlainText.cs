using System.Globalization;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FollowUps.Templates;

/// <summary>
/// The plain-text part of an email from the same Markdown document as its HTML: paragraphs separated by a blank line,
/// line breaks kept, emphasis marks dropped, a link as "label (address)" or the address alone (without "mailto:"), list items as "- " or
/// "1. " with nested lists indented. Thread-safe.
/// </summary>
internal static class EmailPlainText
{
    public static string Render(MarkdownDocument document)
    {
        var text = new StringBuilder();
        WriteBlocks(text, document, indent: "");
        return text.ToString().TrimEnd() + "\n";
    }

    private static void WriteBlocks(StringBuilder text, ContainerBlock container, string indent)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    Separate(text);
                    text.Append(indent);
                    WriteInlines(text, paragraph.Inline, indent);
                    text.Append('\n');
                    break;
                case ListBlock list:
                    Separate(text);
                    WriteList(text, list, indent);
                    break;
                case ThematicBreakBlock:
                    Separate(text);
                    text.Append(indent).Append("---\n");
                    break;
                case ContainerBlock other:
                    WriteBlocks(text, other, indent);
                    break;
                default:
                    break; // Link reference definitions and blank lines print nothing, as in the HTML.
            }
        }
    }

    private static void WriteList(StringBuilder text, ListBlock list, string indent)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            var nested = indent + new string(' ', marker.Length);
            var first = true;
            foreach (var block in item)
            {
                if (block is ParagraphBlock paragraph)
                {
                    text.Append(first ? indent + marker : nested);
                    WriteInlines(text, paragraph.Inline, nested);
                    text.Append('\n');
                }
                else if (block is ListBlock inner)
                {
                    WriteList(text, inner, nested);
                }

                first = false;
            }
        }
    }

    private static void WriteInlines(StringBuilder text, ContainerInline? inlines, string indent)
    {
        for (var inline = inlines?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    text.Append('\n').Append(indent);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var label = new StringBuilder();
                    WriteInlines(label, link, indent);
                    var address = StripMailto(link.Url ?? "");
                    text.Append(label.ToString() == address ? address : $"{label} ({address})");
                    break;
                case ContainerInline container:
                    WriteInlines(text, container, indent);
                    break;
                default:
                    text.Append(inline.ToString());
                    break;
            }
        }
    }

    private static string StripMailto(string url) => url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url[7..] : url;

    /// <summary>A blank line before a block that follows another.</summary>
    private static void Separate(StringBuilder text)
    {
        if (text.Length > 0 && !(text.Length >= 2 && text[^1] == '\n' && text[^2] == '\n'))
        {
            text.Append('\n');
        }
    }
}
