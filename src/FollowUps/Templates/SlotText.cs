using System.Globalization;
using System.Text;
using FollowUps.Rules;

namespace FollowUps.Templates;

/// <summary>Cleans values that came from the call (names, summaries, locations) before they enter an SMS.</summary>
internal static class SlotText
{
    /// <summary>The shortest a shortened text can be: one character and the ellipsis.</summary>
    public const int MinShortened = 4;

    /// <summary>The greeting used when the first name is unknown, unusable, or too costly for the segment budget.</summary>
    public const string NoName = "there";

    /// <summary>The most of a raw value <see cref="Clean"/> reads.</summary>
    public const int MaxInput = 4 * 1024;

    private const string Ellipsis = "...";

    /// <summary>What a cut text should not end in before its "...": "recap:..." reads worse than "recap...".</summary>
    private static readonly char[] TrailingPunctuation = [' ', ',', ';', ':', '-', '.', '\u2026'];

    /// <summary>The greeting name: the contact's first name, or "there" when it is blank or implausibly long.</summary>
    public static string FirstName(string? firstName)
    {
        var name = Clean(firstName);
        return name.Length is 0 or > SlotLimits.FirstName ? NoName : name;
    }

    /// <summary>The preferred value when it is not blank, else the fallback, trimmed; <see langword="null"/> when both are blank.</summary>
    public static string? FirstNonBlank(string? preferred, string? fallback) =>
        !string.IsNullOrWhiteSpace(preferred) ? preferred.Trim()
        : !string.IsNullOrWhiteSpace(fallback) ? fallback.Trim()
        : null;

    /// <summary>
    /// One line: control and invisible characters and unpaired surrogates dropped, every run of white space one space,
    /// trimmed; empty when nothing visible is left. Reads at most the first <see cref="MaxInput"/> characters: no slot
    /// needs more.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (IsClean(text))
        {
            return text; // Most names and summaries: nothing to drop or fold, so no copy.
        }

        var input = text.AsSpan(0, Math.Min(text.Length, MaxInput));
        var builder = new StringBuilder(input.Length);
        var pendingSpace = false;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < input.Length && char.IsLowSurrogate(input[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(input[i - 1]));
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
            }
            else if (paired && !char.IsControl(c) && !SlotRules.IsInvisible(c))
            {
                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }
        }

        // A joiner or other format character alone shows nothing.
        foreach (var c in builder.ToString())
        {
            if (c != ' ' && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                return builder.ToString();
            }
        }

        return "";
    }

    /// <summary>
    /// Whether <see cref="Clean"/> gives <paramref name="text"/> back as it is: within <see cref="MaxInput"/>, single
    /// spaces between other characters and no other white space, nothing it drops (control, invisible, surrogates: a
    /// text with a pair takes the long way), and a character that shows.
    /// </summary>
    private static bool IsClean(string text)
    {
        if (text.Length > MaxInput || text[0] == ' ' || text[^1] == ' ')
        {
            return false;
        }

        var shows = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                if (text[i - 1] == ' ')
                {
                    return false;
                }

                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsSurrogate(c) || char.IsControl(c) || SlotRules.IsInvisible(c))
            {
                return false;
            }

            shows = shows || CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;
        }

        return shows;
    }

    /// <summary>
    /// At most <paramref name="maxLength"/> UTF-16 code units, cut with "..." when too long: at a word boundary, unless
    /// that would throw away more than half of what fits, and never inside a character a person sees as one (a
    /// surrogate pair, an emoji with its skin tone, a letter with its accent).
    /// </summary>
    public static string Shorten(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, MinShortened);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var room = maxLength - Ellipsis.Length;
        var cut = text.LastIndexOf(' ', room);
        if (cut <= 0 || cut < room / 2)
        {
            cut = LastTextElementStart(text, room);
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(TrailingPunctuation), Ellipsis);
    }

    /// <summary>The start of the last whole text element that ends at or before <paramref name="limit"/>: a cut there splits nothing.</summary>
    private static int LastTextElementStart(string text, int limit)
    {
        var cut = 0;
        foreach (var start in StringInfo.ParseCombiningCharacters(text))
        {
            if (start > limit)
            {
                break;
            }

            cut = start;
        }

        return cut;
    }
}
