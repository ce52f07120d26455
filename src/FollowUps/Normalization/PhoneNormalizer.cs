using System.Text;
using PhoneNumbers;

namespace FollowUps.Normalization;

/// <summary>
/// Phone numbers to E.164 with libphonenumber. The do-not-contact list and the engine read numbers with this one
/// function, so a number the list holds is found whatever notation a call record writes it in. Thread-safe.
/// </summary>
internal static class PhoneNormalizer
{
    /// <summary>The longest number read, once separators are folded: a country code, 15 digits and their grouping.</summary>
    private const int MaxLength = 40;

    /// <summary>Past this many characters a field is not a phone number, however much of it is white space.</summary>
    private const int MaxRawLength = 1_000;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsSupportedRegion(string? region) =>
        !string.IsNullOrWhiteSpace(region) && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>
    /// Normalises <paramref name="raw"/>, read in <paramref name="defaultRegion"/> when it has no country code. White space,
    /// control and invisible characters (a trailing line break, tabs or NULs between the groups, padding) separate
    /// groups and are otherwise ignored. A number that parses but is not a valid number keeps its E.164 form in
    /// <see cref="Checked.Value"/> beside <see cref="OutcomeReason.InvalidPhoneNumber"/>, so the list can still be
    /// checked by it.
    /// </summary>
    public static Checked Normalize(string? raw, string defaultRegion)
    {
        if (raw is null)
        {
            return Checked.Fail(OutcomeReason.NoPhoneNumber);
        }

        if (raw.Length > MaxRawLength)
        {
            return Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }

        var text = Clean(raw);
        if (text.Length == 0)
        {
            return Checked.Fail(OutcomeReason.NoPhoneNumber);
        }

        if (text.Length > MaxLength)
        {
            return Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }

        try
        {
            var number = Util.Parse(text, defaultRegion.ToUpperInvariant());
            var e164 = Util.Format(number, PhoneNumberFormat.E164);
            return Util.IsValidNumber(number) ? Checked.Ok(e164) : new Checked(e164, OutcomeReason.InvalidPhoneNumber);
        }
        catch (NumberParseException)
        {
            return Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }
    }

    /// <summary>The text with every run of white space, control and invisible characters folded to one space, trimmed.</summary>
    private static string Clean(string raw)
    {
        if (!raw.AsSpan().ContainsAny(Ignorable.Characters))
        {
            return raw;
        }

        var text = new StringBuilder(raw.Length);
        var separated = false;
        foreach (var c in raw)
        {
            if (Ignorable.Is(c))
            {
                separated = text.Length > 0;
                continue;
            }

            if (separated)
            {
                text.Append(' ');
                separated = false;
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
