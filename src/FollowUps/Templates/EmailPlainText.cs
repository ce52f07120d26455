using System.Globalization;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FollowUps.Templates;

/// <summary>
/// The plain-text part of an email from the same Markdown document as its HTML: blocks separated by a blank line (list
/// items of a tight list by a line break), line breaks kept, emphasis marks dropped, a link as "label (address)" or the
/// address alone (without "mailto:"), a separator as "---", list items as "- " or "1. " with what follows the marker
/// indented under it. Thread-safe.
/// </summary>
internal static class EmailPlainText
{
    public static string Render(MarkdownDocument document)
    {
        var text = Blocks(document, separator: "\n\n").TrimEnd();
        return text.Length == 0 ? "" : text + "\n";
    }

    private static string Blocks(ContainerBlock container, string separator) =>
        string.Join(separator, container.Select(Block).Where(block => block.Length > 0));

    private static string Block(Block block) => block switch
    {
        ParagraphBlock paragraph => Inlines(paragraph.Inline),
        ListBlock list => List(list),
        ThematicBreakBlock => "---",
        LinkReferenceDefinitionGroup => "", // Definitions print nothing, as in the HTML.
        ContainerBlock other => Blocks(other, "\n\n"),
        _ => "",
    };

    private static string List(ListBlock list)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, CultureInfo.InvariantCulture, out var start) ? start : 1;
        var items = new List<string>();
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            var content = Blocks(item, list.IsLoose ? "\n\n" : "\n");
            items.Add(Indent(marker, content));
        }

        return string.Join(list.IsLoose ? "\n\n" : "\n", items);
    }

    /// <summary>The marker before the first line, and every later line indented to stand under the first.</summary>
    private static string Indent(string marker, string content)
    {
        if (content.Length == 0)
        {
            return marker.TrimEnd();
        }

        var pad = new string(' ', marker.Length);
        var lines = content.Split('\n').Select((line, i) => i == 0 ? marker + line : line.Length == 0 ? "" : pad + line);
        return string.Join('\n', lines);
    }

    private static string Inlines(ContainerInline? inlines)
    {
        var text = new StringBuilder();
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
                    text.Append('\n');
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var label = Inlines(link);
                    var address = StripMailto(link.Url ?? "");
                    text.Append(label == address ? address : $"{label} ({address})");
                    break;
                case DelimiterInline unmatched:
                    text.Append(unmatched.ToLiteral()).Append(Inlines(unmatched)); // A "[" or "*" that opened nothing is text, as in the HTML.
                    break;
                case ContainerInline container:
                    text.Append(Inlines(container));
                    break;
                default:
                    text.Append(inline.ToString());
                    break;
            }
        }

        return text.ToString();
    }

    private static string StripMailto(string url) => url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url[7..] : url;
}
