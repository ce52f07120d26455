using PhoneNumbers;

namespace FollowUps.Normalization;

/// <summary>
/// Phone numbers to E.164 with libphonenumber: <see cref="Normalize"/> reads a field as one number to send to, and
/// <see cref="NumbersIn"/> finds every number in a field that is not one, for the do-not-contact lookup. The list and
/// the engine read numbers with these same functions. Thread-safe.
/// </summary>
internal static class PhoneNormalizer
{
    /// <summary>The longest field read, in characters; a longer one is no phone field (the call record is refused).</summary>
    public const int MaxFieldLength = 1_000;

    /// <summary>The longest number read, once separators are folded: a country code, 15 digits and their grouping.</summary>
    private const int MaxLength = 40;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsSupportedRegion(string? region) =>
        !string.IsNullOrWhiteSpace(region) && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>
    /// Normalises <paramref name="raw"/>, read in <paramref name="defaultRegion"/> when it has no country code. White space,
    /// control and invisible characters (a trailing line break, tabs or NULs between the groups, padding) separate
    /// groups and are otherwise ignored. A field with a letter is not read (no vanity numbers, no extensions).
    /// </summary>
    public static Checked Normalize(string? raw, string defaultRegion)
    {
        if (raw is null)
        {
            return Checked.Fail(OutcomeReason.NoPhoneNumber);
        }

        if (raw.Length > MaxFieldLength)
        {
            return Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }

        var text = Clean(raw);
        if (text.Length == 0)
        {
            return Checked.Fail(OutcomeReason.NoPhoneNumber);
        }

        // libphonenumber reads letters as a vanity number: "+49 30 901820 (mobile)" would be +4930901820662453, a valid
        // number of someone else. A field with letters is not one number to text (its numbers are still looked up).
        if (text.Length > MaxLength || HasLetter(text))
        {
            return Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }

        try
        {
            var number = Util.Parse(text, defaultRegion.ToUpperInvariant());
            return Util.IsValidNumber(number)
                ? Checked.Ok(Util.Format(number, PhoneNumberFormat.E164))
                : Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }
        catch (NumberParseException)
        {
            return Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }
    }

    /// <summary>
    /// Every number of a possible length in <paramref name="raw"/>, in E.164: for a field that is not one valid number
    /// (<c>"+1 415 555 2671 (mobile)"</c>, two numbers, a number the metadata calls invalid), what the do-not-contact
    /// list is checked by. Finding too much only checks the list more.
    /// </summary>
    public static IEnumerable<string> NumbersIn(string? raw, string defaultRegion)
    {
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxFieldLength)
        {
            return [];
        }

        try
        {
            return Util.FindNumbers(Clean(raw), defaultRegion.ToUpperInvariant(), PhoneNumberUtil.Leniency.POSSIBLE, long.MaxValue)
                .Select(match => Util.Format(match.Number, PhoneNumberFormat.E164))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
        }
        catch (ArgumentException)
        {
            return []; // An unsupported region: Normalize refuses such a field as well.
        }
    }

    /// <summary>Whether <paramref name="text"/> has a letter (a vanity number, an extension, a note).</summary>
    private static bool HasLetter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with every run of white space, control and invisible characters folded to one space, trimmed.</summary>
    /// <remarks>The field itself when nothing folds (<c>"(415) 555-2671"</c>: single spaces between the groups), so most fields cost nothing.</remarks>
    private static string Clean(string raw)
    {
        if (!raw.AsSpan().ContainsAny(Ignorable.Characters))
        {
            return raw;
        }

        Span<char> text = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
        var length = 0;
        var separated = false;
        foreach (var c in raw)
        {
            if (Ignorable.Is(c))
            {
                separated = length > 0;
                continue;
            }

            if (separated)
            {
                text[length++] = ' ';
                separated = false;
            }

            text[length++] = c;
        }

        var cleaned = text[..length];
        return cleaned.SequenceEqual(raw) ? raw : new string(cleaned);
    }
}
