namespace FollowUps.Rules;

/// <summary>
/// The checks on values users type into a campaign (and into account options). Each returns a sentence
/// saying what is wrong, or <see langword="null"/> when the value is fine.
/// </summary>
internal static partial class SlotRules
{
    public static string? Name(string value, int maxLength) =>
        OneLine(value, maxLength) ?? (value.Trim().Length == 0 ? "must not be blank" : null);

    public static string? MeetingLink(string value) => HttpsUrl(value, "https://cal.example.com/dana");

    /// <summary>
    /// An absolute https URL without user info, spaces, control characters, the characters that end or escape a link in
    /// text and Markdown (<c>&lt; &gt; " \</c>) or an HTML character reference such as <c>&amp;lt;</c> (which Markdown would
    /// decode in one place and not another); <paramref name="example"/> shows what is meant.
    /// </summary>
    public static string? HttpsUrl(string value, string example)
    {
        if (value.Length > SlotLimits.MeetingLink)
        {
            return $"must be at most {SlotLimits.MeetingLink} characters";
        }

        return value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisible(c) || c is '<' or '>' or '"' or '\\')
            || CharacterReference().IsMatch(value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo)
            ? $"must be an absolute https URL, such as {example}"
            : null;
    }

    /// <summary>An https URL that a token query parameter can be added to: no fragment.</summary>
    public static string? UnsubscribeUrl(string value) =>
        HttpsUrl(value, "https://acme.example/unsubscribe") ?? (value.Contains('#', StringComparison.Ordinal) ? "must not have a #fragment" : null);

    /// <summary>Lines of text: at most <see cref="SlotLimits.PostalAddress"/> characters, no control characters but line breaks.</summary>
    public static string? PostalAddress(string value) =>
        value.Length > SlotLimits.PostalAddress ? $"must be at most {SlotLimits.PostalAddress} characters"
        : value.Any(c => (char.IsControl(c) && c is not ('\n' or '\r')) || IsInvisible(c)) ? "must not contain control characters (line breaks are fine)"
        : null;

    public static string? OfferSummary(string value) =>
        OneLine(value, SlotLimits.OfferSummary) ?? (value.Trim().Length == 0 ? "must not be blank" : null);

    public static string? PromoCode(string value)
    {
        if (value.Length == 0 || value.Length > SlotLimits.PromoCode)
        {
            return $"must be 1 to {SlotLimits.PromoCode} characters";
        }

        return value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || IsInvisible(c))
            ? "must not contain spaces, line breaks or control characters"
            : null;
    }

    public static string? Subject(string value) =>
        OneLine(value, SlotLimits.Subject) ?? (value.Trim().Length == 0 ? "must not be blank" : null);

    public static string? Body(string value)
    {
        if (value.Trim().Length == 0)
        {
            return "must not be blank";
        }

        if (value.Length > SlotLimits.Body)
        {
            return $"must be at most {SlotLimits.Body} characters";
        }

        return value.Any(c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || IsInvisible(c))
            ? "must not contain control characters (line breaks and tabs are fine)"
            : null;
    }

    /// <summary>One line of text: no line breaks, control or direction-changing characters.</summary>
    private static string? OneLine(string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters";
        }

        return IsOneLine(value) ? null : "must be one line, without control characters";
    }

    /// <summary>Whether <paramref name="value"/> is one line: no line break (U+2028 and U+2029 too), control or invisible character.</summary>
    public static bool IsOneLine(string value)
    {
        foreach (var c in value) // A loop, not LINQ: every email's subject and from name are checked.
        {
            if (char.IsControl(c) || IsInvisible(c) || c is '\u2028' or '\u2029')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Direction marks and overrides, zero-width spaces, the word joiner, the soft hyphen, and characters that print
    /// as blanks (Hangul fillers, the blank Braille pattern): they can disguise what a text says or make a blank look
    /// filled. The zero-width joiner (U+200D) is not among them; emoji sequences need it.
    /// </summary>
    internal static bool IsInvisible(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
            or '\u200B' or '\u200C' or '\u200E' or '\u200F' or '\u061C' or '\u2060' or '\u00AD' or '\uFEFF'
            or '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800';

    [System.Text.RegularExpressions.GeneratedRegex("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")]
    private static partial System.Text.RegularExpressions.Regex CharacterReference();
}
