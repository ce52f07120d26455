using System.Buffers;

namespace FollowUps.Templates;

/// <summary>
/// A rendered text with slots: literal parts, and between them the slot each value goes in (an index of
/// <see cref="SlotValues"/>). Made once per campaign text by splitting what Markdig rendered with marker values
/// (<see cref="EmailMarkers"/>); filled per message with the values as they are (plain text) or HTML-escaped exactly as
/// Markdig's HtmlRenderer escapes literal text (<c>&lt; &gt; &amp; "</c>), one string per output. Immutable; thread-safe.
/// </summary>
internal sealed class SlottedText
{
    /// <summary>The characters Markdig's HtmlRenderer.WriteEscape replaces in text and attribute values.</summary>
    private static readonly SearchValues<char> HtmlEscaped = SearchValues.Create("<>&\"");

    private readonly string[] _literals;
    private readonly byte[] _slots;
    private readonly int _literalLength;

    private SlottedText(string[] literals, byte[] slots)
    {
        _literals = literals;
        _slots = slots;
        foreach (var literal in literals)
        {
            _literalLength += literal.Length;
        }
    }

    /// <summary>A text with no slots.</summary>
    public static SlottedText Literal(string text) => new([text], []);

    /// <summary>
    /// <paramref name="rendered"/> cut at each marker of <paramref name="markerBase"/> (the base and one digit, the slot);
    /// <paramref name="prefix"/> goes before it.
    /// </summary>
    public static SlottedText Split(string prefix, string rendered, string markerBase)
    {
        var literals = new List<string>();
        var slots = new List<byte>();
        var start = 0;
        var text = prefix + rendered;
        for (var at = text.IndexOf(markerBase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(markerBase, at + 1, StringComparison.Ordinal))
        {
            var slotAt = at + markerBase.Length;
            if (slotAt < text.Length && EmailMarkers.SlotOf(text[slotAt]) is { } slot)
            {
                literals.Add(text[start..at]);
                slots.Add(slot);
                start = slotAt + 1;
                at = slotAt;
            }
        }

        literals.Add(text[start..]);
        return new([.. literals], [.. slots]);
    }

    /// <summary>Whether both have the same literal parts and slots: the same text with the same holes.</summary>
    public bool SameAs(SlottedText other) =>
        _slots.AsSpan().SequenceEqual(other._slots) && _literals.AsSpan().SequenceEqual(other._literals);

    /// <summary><paramref name="first"/> then <paramref name="second"/>, filled with <paramref name="values"/>, as one new string.</summary>
    public static string Join(SlottedText first, SlottedText second, SlotValues values, bool html)
    {
        var length = first.Length(values, html) + second.Length(values, html);
        return string.Create(length, (first, second, values, html), static (span, state) =>
        {
            var written = state.first.Write(span, state.values, state.html);
            state.second.Write(span[written..], state.values, state.html);
        });
    }

    private int Length(SlotValues values, bool html)
    {
        var length = _literalLength;
        foreach (var slot in _slots)
        {
            var value = values[slot];
            length += html ? EscapedLength(value) : value.Length;
        }

        return length;
    }

    private int Write(Span<char> destination, SlotValues values, bool html)
    {
        var written = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            written += Copy(_literals[i], destination[written..]);
            var value = values[_slots[i]];
            written += html ? WriteEscaped(value, destination[written..]) : Copy(value, destination[written..]);
        }

        return written + Copy(_literals[^1], destination[written..]);
    }

    private static int Copy(string text, Span<char> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private static int EscapedLength(string value)
    {
        var length = value.Length;
        var rest = value.AsSpan();
        for (var at = rest.IndexOfAny(HtmlEscaped); at >= 0; at = rest.IndexOfAny(HtmlEscaped))
        {
            length += Entity(rest[at]).Length - 1;
            rest = rest[(at + 1)..];
        }

        return length;
    }

    private static int WriteEscaped(string value, Span<char> destination)
    {
        var written = 0;
        var rest = value.AsSpan();
        for (var at = rest.IndexOfAny(HtmlEscaped); at >= 0; at = rest.IndexOfAny(HtmlEscaped))
        {
            rest[..at].CopyTo(destination[written..]);
            written += at;
            var entity = Entity(rest[at]);
            entity.CopyTo(destination[written..]);
            written += entity.Length;
            rest = rest[(at + 1)..];
        }

        rest.CopyTo(destination[written..]);
        return written + rest.Length;
    }

    private static string Entity(char c) => c switch
    {
        '<' => "&lt;",
        '>' => "&gt;",
        '&' => "&amp;",
        _ => "&quot;",
    };
}
