using System.Text;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// One line of text for a header (the from name, the subject): what is refused, and how it is encoded so that a mail
/// client decodes exactly the same text. Thread-safe (stateless).
/// </summary>
internal static class HeaderText
{
    private const int LongestPlainPhrase = 75;

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
    /// The text as it should be handed to MimeKit: as it is when MimeKit's own encoding keeps it exact, otherwise as
    /// RFC 2047 encoded-words. <paramref name="phrase"/> is true for a display name, false for unstructured text.
    /// </summary>
    public static string Encode(string text, bool phrase) => NeedsOwnEncoding(text, phrase) ? EncodedWords(text) : text;

    /// <summary>
    /// Whether MimeKit's own encoding could change the text on the way, or make a line too long: text with "=?" in it
    /// could be read as an RFC 2047 encoded-word by the receiving client (MimeKit sends such ASCII text as it is), a
    /// display name that mixes non-ASCII words with quoted specials can come back with spaces added between them, and a
    /// long display name that needs quotes is sent as one unbroken quoted string, past the 998 characters a line may
    /// have. Encoded-words are at most 75 characters each, with a place to fold between them.
    /// </summary>
    private static bool NeedsOwnEncoding(string text, bool phrase)
        => text.Contains("=?", StringComparison.Ordinal) || (phrase && (!Ascii.IsValid(text) || text.Length > LongestPlainPhrase));

    /// <summary>
    /// The text as UTF-8 "B" encoded-words of at most 75 characters, never splitting a character; the spaces between
    /// them are not part of the text (RFC 2047 section 6.2), so it decodes back to exactly the text.
    /// </summary>
    private static string EncodedWords(string text)
    {
        const int maxBytesPerWord = 45;
        var words = new List<string>();
        var chunk = new List<byte>(maxBytesPerWord);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            if (chunk.Count + length > maxBytesPerWord)
            {
                words.Add(EncodedWord(chunk));
                chunk.Clear();
            }

            chunk.AddRange(utf8[..length]);
        }

        words.Add(EncodedWord(chunk));
        return string.Join(' ', words);

        static string EncodedWord(List<byte> bytes) => $"=?utf-8?b?{Convert.ToBase64String([.. bytes])}?=";
    }
}
