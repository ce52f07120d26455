using System.Globalization;
using System.Text;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// One line of text for a header (the from name, the subject): what is refused, and how it is encoded so that a mail
/// client decodes exactly the same text. Thread-safe (stateless).
/// </summary>
internal static class HeaderText
{
    /// <summary>RFC 2047 section 2: the longest header line that holds an encoded-word.</summary>
    public const int MaxEncodedLine = 76;

    /// <summary>How many bytes of a word may go unused to end it after a space rather than inside a word.</summary>
    public const int NearSpaceBytes = 15;

    private const int LongestPlain = 75;

    /// <summary>"=?utf-8?b?" and "?=".</summary>
    private const int EncodedWordOverhead = 12;

    /// <summary>
    /// Why <paramref name="text"/> cannot be the <paramref name="what"/> header, or null: a line break (the way to inject
    /// a header), any other control character (U+0000 to U+001F, U+007F to U+009F), an unpaired surrogate, or white space
    /// at either end (mail clients drop it, so the text would not arrive as it was written).
    /// </summary>
    public static string? Problem(string? text, string what)
    {
        if (text is null)
        {
            return $"The {what} is missing.";
        }

        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return $"The {what} contains a line break.";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return $"The {what} contains the control character U+{(int)c:X4}.";
            }
        }

        if (!UnicodeText.IsValid(text))
        {
            return $"The {what} is not valid Unicode text (it has an unpaired surrogate).";
        }

        return text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
            ? $"The {what} starts or ends with white space, which mail clients drop."
            : null;
    }

    /// <summary>
    /// Whether the text goes out as RFC 2047 encoded-words of <see cref="RawValue"/> rather than as MimeKit writes it:
    /// non-ASCII text (MimeKit's own encoded-words do not count the field name, so its first line can pass the 76
    /// characters RFC 2047 allows); text with "=?" in it (it could be read as an encoded-word by the receiving client, and
    /// MimeKit sends such ASCII text as it is); a display name longer than 75 characters (MimeKit would send it as one
    /// unbroken quoted string, past the 998 characters a line may have); and a word (a run without spaces) longer than 75
    /// characters, which MimeKit turns into encoded-words of its own to fold it. <paramref name="phrase"/> is true for a display
    /// name, false for unstructured text such as the subject.
    /// </summary>
    public static bool NeedsEncodedWords(string text, bool phrase)
        => text.Contains("=?", StringComparison.Ordinal)
            || !Ascii.IsValid(text)
            || (phrase && text.Length > LongestPlain)
            || text.Split(' ').Any(word => word.Length > LongestPlain);

    /// <summary>
    /// The raw value (what follows "<paramref name="field"/>:", ending in a line break) of a header that holds
    /// <paramref name="text"/> as UTF-8 "B" encoded-words, one to a line, followed by <c>&lt;address&gt;</c> when
    /// <paramref name="address"/> is given. The spaces and line breaks between encoded-words are not part of the text
    /// (RFC 2047 section 6.2), so it decodes to exactly the text. See <see cref="Words"/> for where the text is split.
    /// </summary>
    public static byte[] RawValue(string field, string text, string? address)
    {
        var value = new StringBuilder();
        var lineLength = field.Length + 1;
        foreach (var word in Words(text, WordBytes(MaxEncodedLine - lineLength - 1), WordBytes(MaxEncodedLine - 1)))
        {
            if (value.Length > 0)
            {
                value.Append('\n');
                lineLength = 0;
            }

            value.Append(' ').Append(word);
            lineLength += word.Length + 1;
        }

        if (address is not null)
        {
            // A line holding only the address has no encoded-word, so only the 998-character limit applies to it.
            value.Append(lineLength + address.Length + 3 <= MaxEncodedLine ? " <" : "\n <").Append(address).Append('>');
        }

        return Encoding.UTF8.GetBytes(value.Append('\n').ToString());
    }

    /// <summary>
    /// The text as encoded-words: the first holds at most <paramref name="firstBytes"/> bytes of UTF-8, the others at
    /// most <paramref name="bytes"/>. A word never splits a character as seen (a grapheme cluster, such as an emoji with
    /// its joiners, or a letter with its accents) unless that one character is too long for a word, and then only between
    /// code points. When the text goes on past a word and a space (U+0020) is near its end, that is, cutting just after
    /// the last space leaves at most <see cref="NearSpaceBytes"/> bytes of the word unused, the word ends after that space,
    /// so a mail client that shows the split shows it between words.
    /// </summary>
    internal static List<string> Words(string text, int firstBytes, int bytes)
    {
        var units = Units(text, Math.Min(firstBytes, bytes));
        var words = new List<string>();
        var start = 0;
        while (start < units.Count)
        {
            var capacity = words.Count == 0 ? firstBytes : bytes;
            int end = start, used = 0, afterSpace = -1, usedAfterSpace = 0;
            while (end < units.Count && used + units[end].Bytes <= capacity)
            {
                used += units[end].Bytes;
                if (units[end++].Text == " ")
                {
                    (afterSpace, usedAfterSpace) = (end, used);
                }
            }

            if (end < units.Count && afterSpace > start && capacity - usedAfterSpace <= NearSpaceBytes)
            {
                end = afterSpace;
            }

            words.Add(EncodedWord(units.GetRange(start, end - start)));
            start = end;
        }

        return words;
    }

    /// <summary>How many bytes of UTF-8 an encoded-word of at most <paramref name="characters"/> characters holds.</summary>
    private static int WordBytes(int characters) => (characters - EncodedWordOverhead) / 4 * 3;

    /// <summary>The text's characters as seen (grapheme clusters), each one split into code points when longer than <paramref name="maxBytes"/>.</summary>
    private static List<(string Text, int Bytes)> Units(string text, int maxBytes)
    {
        var units = new List<(string Text, int Bytes)>();
        for (var index = 0; index < text.Length;)
        {
            var length = StringInfo.GetNextTextElementLength(text, index);
            var element = text.Substring(index, length);
            var size = Encoding.UTF8.GetByteCount(element);
            if (size <= maxBytes)
            {
                units.Add((element, size));
            }
            else
            {
                units.AddRange(element.EnumerateRunes().Select(rune => (rune.ToString(), rune.Utf8SequenceLength)));
            }

            index += length;
        }

        return units;
    }

    private static string EncodedWord(List<(string Text, int Bytes)> units)
        => $"=?utf-8?b?{Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(units.Select(unit => unit.Text))))}?=";
}
