using System.Buffers;
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
    /// <summary>The most code points folded on the stack (both texts and the fallback table); longer texts rent a pooled buffer.</summary>
    private const int StackLimit = 512;

    /// <summary>Whether <paramref name="quote"/> stands in <paramref name="text"/> as whole words: "yes" is not in "Noyes".</summary>
    /// <param name="text">The text searched.</param>
    /// <param name="quote">The words looked for; nothing but white space is never found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public static bool Contains(ReadOnlySpan<char> text, ReadOnlySpan<char> quote)
    {
        // Folding never lengthens a text, so each buffer is as long as its text; short ones (a quote, a turn) live on the stack.
        int[]? rented = null;
        var need = (2 * quote.Length) + text.Length;
        var buffer = need <= StackLimit ? stackalloc int[StackLimit] : (rented = ArrayPool<int>.Shared.Rent(need));
        try
        {
            var words = buffer[..Fold(quote, buffer)];
            var folded = buffer.Slice(2 * quote.Length, text.Length);
            folded = folded[..Fold(text, folded)];
            return words.Length > 0 && Contains(folded, words, Fallback(words, buffer.Slice(quote.Length, words.Length)));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    private static bool Contains(ReadOnlySpan<int> folded, ReadOnlySpan<int> words, ReadOnlySpan<int> fallback)
    {
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
    private static Span<int> Fallback(ReadOnlySpan<int> words, Span<int> fallback)
    {
        fallback.Clear();
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

    /// <summary>
    /// Writes the code points of <paramref name="text"/> to <paramref name="folded"/> (at least as long as the text),
    /// each white-space run one space, none at either end; a lone surrogate stands for itself. Returns how many.
    /// </summary>
    private static int Fold(ReadOnlySpan<char> text, Span<int> folded)
    {
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

        return length;
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
