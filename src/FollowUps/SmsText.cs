using System.Buffers;
using System.Globalization;
using System.Text;
using FollowUps.Internal;

namespace FollowUps;

/// <summary>
/// Measures text messages the way carriers do and replaces typographic look-alikes with their GSM-7 equivalents
/// (smart encoding). A campaign editor can call it while a user types: "2 segments, UCS-2 because of ’". Thread-safe.
/// </summary>
/// <remarks>
/// GSM-7 texts hold 160 septets in one segment, or 153 per segment once split, and an extension character
/// (<c>^ { } \ [ ~ ] | €</c> and form feed) takes two septets that are never split across segments. Any other
/// text is UCS-2: 70 UTF-16 code units in one segment, or 67 per segment once split, and a character as a person
/// sees it (a grapheme cluster: an emoji with its skin tone, a family emoji, a flag, a keycap, a letter with a
/// combining accent) is never split across segments, as Twilio's segment calculator counts them. CR LF counts as two
/// characters there, as the calculator counts it; a cluster longer than a segment starts one of its own.
/// </remarks>
public static class SmsText
{
    /// <summary>Septets in a single-segment GSM-7 text.</summary>
    public const int Gsm7SingleSegment = 160;

    /// <summary>Septets per segment of a split GSM-7 text (7 go to the concatenation header).</summary>
    public const int Gsm7MultiSegment = 153;

    /// <summary>Code units in a single-segment UCS-2 text.</summary>
    public const int Ucs2SingleSegment = 70;

    /// <summary>Code units per segment of a split UCS-2 text.</summary>
    public const int Ucs2MultiSegment = 67;

    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "\f^{}\\[~]|€";

    private static readonly SearchValues<char> Gsm7 = SearchValues.Create(Gsm7Basic + Gsm7Extension);
    private static readonly SearchValues<char> Extension = SearchValues.Create(Gsm7Extension);
    private const string SingleQuotes = "\u2018\u2019\u201A\u201B\u2032\u2035\u00B4\u0060\u02B9\u02BC\u02BD\u02C8\u02CA\u02CB\u275B\u275C\uFF07";
    private const string DoubleQuotes = "\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u02BA\u02DD\u02EE\u275D\u275E\u301D\u301E\u301F\uFF02";
    private const string Dashes = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\uFE58\uFE63\uFF0D";
    private const string Spaces = "\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000";

    /// <summary>
    /// The GSM-7 measures made so far, by septets (up to ten split segments): a measure is an immutable value, so texts of
    /// one length share one instead of each allocating its own. Racing writers store equal values. Thread-safe.
    /// </summary>
    private static readonly SmsMeasure?[] Gsm7Measures = new SmsMeasure?[(10 * Gsm7MultiSegment) + 1];

    private static readonly SearchValues<char> LookAlikes = SearchValues.Create(
        SingleQuotes + DoubleQuotes + Dashes + Spaces + "\u2024\u2025\u2026\u02C6\u02DC");

    /// <summary>Measures <paramref name="text"/>: encoding, length and segments, as carriers count them.</summary>
    /// <param name="text">The text, exactly as it will be sent.</param>
    /// <returns>The measure.</returns>
    public static SmsMeasure Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAnyExcept(Gsm7) < 0 ? MeasureGsm7(text) : MeasureUcs2(text);
    }

    /// <summary>
    /// Replaces typographic look-alikes with their GSM-7 equivalents: curly, modifier and fullwidth quotes and primes
    /// become straight quotes, dashes and the minus sign a hyphen, the ellipsis and leaders dots, the modifier
    /// circumflex and tilde <c>^</c> and <c>~</c>, and Unicode spaces a plain space. Letters written as a base and a
    /// combining accent are composed first (Unicode NFC), so "e" + "\u0301" is the GSM-7 "é". Letters are never
    /// replaced, so a name GSM-7 cannot spell stays as it is (and the text stays UCS-2). It never costs a segment:
    /// where replacing would (three dots for one ellipsis in a text that stays UCS-2), the text comes back unchanged.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with look-alikes replaced; the same instance when there are none or replacing costs a segment.</returns>
    public static string SmartEncode(string text)
    {
        var replaced = ReplaceLookAlikes(text);

        // Only the ellipsis makes a text longer; a replacement of the same length never costs a segment.
        return replaced.Length == text.Length || Measure(replaced).Segments <= Measure(text).Segments ? replaced : text;
    }

    /// <summary>The look-alike replacements of <see cref="SmartEncode"/>, whatever they cost.</summary>
    internal static string ReplaceLookAlikes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Composed(text);

        var first = text.AsSpan().IndexOfAny(LookAlikes);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            _ = c switch
            {
                _ when SingleQuotes.Contains(c) => builder.Append('\''),
                _ when DoubleQuotes.Contains(c) => builder.Append('"'),
                _ when Dashes.Contains(c) => builder.Append('-'),
                _ when Spaces.Contains(c) => builder.Append(' '),
                '\u2026' => builder.Append("..."),
                '\u2025' => builder.Append(".."),
                '\u2024' => builder.Append('.'),
                '\u02C6' => builder.Append('^'),
                '\u02DC' => builder.Append('~'),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>The text in Unicode NFC; as it is when it holds an unpaired surrogate, which has no normal form.</summary>
    private static string Composed(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static SmsMeasure MeasureGsm7(string text)
    {
        var extensions = Count(text, Extension);
        var septets = text.Length + extensions;
        var segments = septets switch
        {
            0 => 0,
            <= Gsm7SingleSegment => 1,
            _ when extensions == 0 => (septets + Gsm7MultiSegment - 1) / Gsm7MultiSegment,
            _ => Pack(text, Gsm7MultiSegment, (text, i) => Extension.Contains(text[i]) ? 2 : 1),
        };

        if (septets < Gsm7Measures.Length && Gsm7Measures[septets] is { } known && known.Segments == segments)
        {
            return known;
        }

        var measure = new SmsMeasure { Encoding = SmsEncoding.Gsm7, Length = septets, Segments = segments, Ucs2Characters = [] };
        if (septets < Gsm7Measures.Length)
        {
            Gsm7Measures[septets] = measure;
        }

        return measure;
    }

    private static SmsMeasure MeasureUcs2(string text)
    {
        var segments = text.Length <= Ucs2SingleSegment ? 1 : Ucs2Segments.Count(text, Ucs2MultiSegment);

        return new SmsMeasure { Encoding = SmsEncoding.Ucs2, Length = text.Length, Segments = segments, Ucs2Characters = NotInGsm7(text) };
    }

    /// <summary>Segments of a GSM-7 text packed one by one, where an extension character's two septets never straddle a boundary.</summary>
    private static int Pack(string text, int perSegment, Func<string, int, int> widthAt)
    {
        var (segments, used) = (1, 0);
        for (var i = 0; i < text.Length; i++)
        {
            var width = widthAt(text, i);
            if (used + width > perSegment)
            {
                (segments, used) = (segments + 1, 0);
            }

            used += width;
        }

        return segments;
    }

    private static int Count(string text, SearchValues<char> values)
    {
        var count = 0;
        var rest = text.AsSpan();
        for (var i = rest.IndexOfAny(values); i >= 0; i = rest.IndexOfAny(values))
        {
            count++;
            rest = rest[(i + 1)..];
        }

        return count;
    }

    /// <summary>
    /// The characters, as a person sees them (an emoji with its skin tone is one), that GSM-7 lacks. Only the
    /// neighbourhood of each such character is segmented: a GSM-7 character joins one only as the base of a
    /// combining accent, so the character a person sees starts at most one before.
    /// </summary>
    private static string[] NotInGsm7(string text)
    {
        var found = new List<string>();
        var span = text.AsSpan();
        var done = 0;
        for (var next = span.IndexOfAnyExcept(Gsm7); next >= 0;)
        {
            var start = next > done && StringInfo.GetNextTextElementLength(span[(next - 1)..]) > 1 ? next - 1 : next;
            var element = span.Slice(start, StringInfo.GetNextTextElementLength(span[start..]));
            if (!Contains(found, element))
            {
                found.Add(element.ToString());
            }

            done = start + element.Length;
            var after = span[done..].IndexOfAnyExcept(Gsm7);
            next = after < 0 ? -1 : done + after;
        }

        return [.. found];
    }

    private static bool Contains(List<string> found, ReadOnlySpan<char> element)
    {
        foreach (var f in found)
        {
            if (element.SequenceEqual(f))
            {
                return true;
            }
        }

        return false;
    }
}
