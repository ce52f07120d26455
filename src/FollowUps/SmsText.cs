using System.Buffers;
using System.Globalization;
using System.Text;

namespace FollowUps;

/// <summary>
/// Measures text messages the way carriers do and replaces typographic look-alikes with their GSM-7 equivalents
/// (smart encoding). A campaign editor can call it while a user types: "2 segments, UCS-2 because of ’". Thread-safe.
/// </summary>
/// <remarks>
/// GSM-7 texts hold 160 septets in one segment, or 153 per segment once split, and an extension character
/// (<c>^ { } \ [ ~ ] | €</c> and form feed) takes two septets that are never split across segments. Any other
/// text is UCS-2: 70 UTF-16 code units in one segment, or 67 per segment once split, and a surrogate pair (an emoji,
/// say) is never split across segments.
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
    private static readonly SearchValues<char> LookAlikes = SearchValues.Create(
        "\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB" +
        "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2026" +
        "\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000");

    /// <summary>Measures <paramref name="text"/>: encoding, length and segments, as carriers count them.</summary>
    /// <param name="text">The text, exactly as it will be sent.</param>
    /// <returns>The measure.</returns>
    public static SmsMeasure Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAnyExcept(Gsm7) < 0 ? MeasureGsm7(text) : MeasureUcs2(text);
    }

    /// <summary>
    /// Replaces typographic look-alikes with their GSM-7 equivalents: curly quotes and primes become straight quotes,
    /// dashes and the minus sign a hyphen, the ellipsis three dots, and Unicode spaces a plain space. Letters are never
    /// changed, so a name GSM-7 cannot spell stays as it is (and the text stays UCS-2). It never costs a segment: where
    /// replacing would (three dots for one ellipsis in a text that stays UCS-2), the text comes back unchanged.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with look-alikes replaced; the same instance when there are none or replacing costs a segment.</returns>
    public static string SmartEncode(string text)
    {
        var replaced = ReplaceLookAlikes(text);
        return ReferenceEquals(replaced, text) || Measure(replaced).Segments <= Measure(text).Segments ? replaced : text;
    }

    /// <summary>The look-alike replacements of <see cref="SmartEncode"/>, whatever they cost.</summary>
    internal static string ReplaceLookAlikes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(LookAlikes);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            switch (c)
            {
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '\u0060':
                    builder.Append('\'');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                    builder.Append('"');
                    break;
                case (>= '\u2010' and <= '\u2015') or '\u2212':
                    builder.Append('-');
                    break;
                case '\u2026':
                    builder.Append("...");
                    break;
                case '\u00A0' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' or '\u3000':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static SmsMeasure MeasureGsm7(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            septets += Extension.Contains(c) ? 2 : 1;
        }

        int segments;
        if (septets <= Gsm7SingleSegment)
        {
            segments = septets == 0 ? 0 : 1;
        }
        else
        {
            // Pack segment by segment: a two-septet extension character never straddles a boundary.
            segments = 1;
            var used = 0;
            foreach (var c in text)
            {
                var width = Extension.Contains(c) ? 2 : 1;
                if (used + width > Gsm7MultiSegment)
                {
                    segments++;
                    used = 0;
                }

                used += width;
            }
        }

        return new SmsMeasure { Encoding = SmsEncoding.Gsm7, Length = septets, Segments = segments, Ucs2Characters = [] };
    }

    private static SmsMeasure MeasureUcs2(string text)
    {
        var segments = 1;
        if (text.Length > Ucs2SingleSegment)
        {
            // Pack segment by segment: a surrogate pair never straddles a boundary.
            var used = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                if (used + width > Ucs2MultiSegment)
                {
                    segments++;
                    used = 0;
                }

                used += width;
                i += width - 1;
            }
        }

        return new SmsMeasure { Encoding = SmsEncoding.Ucs2, Length = text.Length, Segments = segments, Ucs2Characters = NotInGsm7(text) };
    }

    /// <summary>The characters, as a person sees them (an emoji with its skin tone is one), that GSM-7 lacks.</summary>
    private static string[] NotInGsm7(string text)
    {
        var found = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (element.AsSpan().IndexOfAnyExcept(Gsm7) >= 0 && !found.Contains(element))
            {
                found.Add(element);
            }
        }

        return [.. found];
    }
}
