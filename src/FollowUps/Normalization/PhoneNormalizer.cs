using PhoneNumbers;

namespace FollowUps.Normalization;

/// <summary>Phone numbers to E.164 with libphonenumber. Thread-safe.</summary>
internal static class PhoneNormalizer
{
    private const int MaxInputLength = 40;
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsSupportedRegion(string? region) =>
        !string.IsNullOrWhiteSpace(region) && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>Normalises <paramref name="raw"/>, read in <paramref name="defaultRegion"/> when it has no country code.</summary>
    public static Checked Normalize(string? raw, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Checked.Fail(OutcomeReason.NoPhoneNumber);
        }

        if (raw.Length > MaxInputLength || raw.Any(char.IsControl))
        {
            return Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }

        try
        {
            var number = Util.Parse(raw, defaultRegion.ToUpperInvariant());
            return Util.IsValidNumber(number)
                ? Checked.Ok(Util.Format(number, PhoneNumberFormat.E164))
                : Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }
        catch (NumberParseException)
        {
            return Checked.Fail(OutcomeReason.InvalidPhoneNumber);
        }
    }
}
