using System.Text;

namespace FollowUps.Rules;

/// <summary>
/// Finds quoted words in a text as whole words, white-space runs folded and case ignored as
/// <see cref="StringComparison.OrdinalIgnoreCase"/> ignores it, in time linear in both lengths. Thread-safe: no state.
/// </summary>
/// <remarks>
/// Both texts become code points once (a white-space run is one space, none at either end); Knuth–Morris–Pratt then
/// finds every occurrence of the quote with at most two comparisons per code point of the text, and each occurrence
/// is checked for word boundaries in constant time, so no failed candidate starts a new scan. A word character is a
/// letter, a digit or an apostrophe; like the check it replaces, it reads single UTF-16 code units, so a letter
/// outside the Basic Multilingual Plane does not join a word.
/// </remarks>
internal static class WholeWords
{
    /// <summary>Whether <paramref name="quote"/> stands in <paramref name="text"/> as whole words: "yes" is not in "Noyes".</summary>
    /// <param name="text">The text searched.</param>
    /// <param name="quote">The words looked for; nothing but white space is never found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public static bool Contains(ReadOnlySpan<char> text, ReadOnlySpan<char> quote)
    {
        var words = Fold(quote);
        if (words.Length == 0)
        {
            return false;
        }

        var folded = Fold(text);
        var fallback = Fallback(words);
        var (wordAtStart, wordAtEnd) = (IsWord(words[0]), IsWord(words[^1]));
        for (int i = 0, matched = 0; i < folded.Length; i++)
        {
            while (matched > 0 && !Same(folded[i], words[matched]))
            {
                matched = fallback[matched - 1];
            }

            if (Same(folded[i], words[matched]) && ++matched == words.Length)
            {
                var (start, end) = (i + 1 - words.Length, i + 1);
                if ((start == 0 || !wordAtStart || !IsWord(folded[start - 1]))
                    && (end == folded.Length || !wordAtEnd || !IsWord(folded[end])))
                {
                    return true;
                }

                matched = fallback[matched - 1];
            }
        }

        return false;
    }

    /// <summary>
    /// For each prefix of <paramref name="words"/>, the length of its longest proper prefix that is also its suffix:
    /// where a partial match resumes after a mismatch.
    /// </summary>
    private static int[] Fallback(int[] words)
    {
        var fallback = new int[words.Length];
        for (int i = 1, length = 0; i < words.Length; i++)
        {
            while (length > 0 && !Same(words[i], words[length]))
            {
                length = fallback[length - 1];
            }

            if (Same(words[i], words[length]))
            {
                length++;
            }

            fallback[i] = length;
        }

        return fallback;
    }

    /// <summary>The code points of <paramref name="text"/>, each white-space run one space, none at either end; a lone surrogate stands for itself.</summary>
    private static int[] Fold(ReadOnlySpan<char> text)
    {
        var folded = new int[text.Length];
        var (length, space) = (0, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }

            if (space)
            {
                (folded[length++], space) = (' ', false);
            }

            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            folded[length++] = pair ? char.ConvertToUtf32(c, text[++i]) : c;
        }

        return folded.AsSpan(0, length).ToArray();
    }

    /// <summary>Whether two code points are equal as <see cref="StringComparison.OrdinalIgnoreCase"/> compares them.</summary>
    private static bool Same(int a, int b)
    {
        if (a == b)
        {
            return true;
        }

        if ((a | b) < 0x80)
        {
            return (a | 0x20) == (b | 0x20) && (uint)((a | 0x20) - 'a') <= 'z' - 'a';
        }

        Span<char> x = stackalloc char[2];
        Span<char> y = stackalloc char[2];
        return x[..Encode(a, x)].Equals(y[..Encode(b, y)], StringComparison.OrdinalIgnoreCase);
    }

    private static int Encode(int codePoint, Span<char> destination)
    {
        if (codePoint < 0x10000)
        {
            destination[0] = (char)codePoint;
            return 1;
        }

        return new Rune(codePoint).EncodeToUtf16(destination);
    }

    /// <summary>Whether <paramref name="c"/> is part of a word: a letter, a digit or an apostrophe.</summary>
    public static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '\'';

    /// <summary>A letter, a digit or an apostrophe, read as the single UTF-16 code unit the check it replaces read.</summary>
    private static bool IsWord(int codePoint) => codePoint < 0x10000 && IsWordCharacter((char)codePoint);
}
