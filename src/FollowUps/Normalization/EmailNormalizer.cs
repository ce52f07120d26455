using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using FollowUps.Rules;

namespace FollowUps.Normalization;

/// <summary>Email addresses checked and put in canonical form: trimmed, ASCII domain, lower case. Thread-safe.</summary>
internal static partial class EmailNormalizer
{
    private const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private static readonly IdnMapping Idn = new();

    public static Checked Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Checked.Fail(OutcomeReason.NoEmailAddress);
        }

        var trimmed = raw.Trim();
        if (trimmed.Length > MaxLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || SlotRules.IsInvisible(c)))
        {
            return Checked.Fail(OutcomeReason.InvalidEmailAddress);
        }

        // MailAddress also accepts "Name <a@b>" and comments; only a bare address is an address here.
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || parsed.DisplayName.Length != 0)
        {
            return Checked.Fail(OutcomeReason.InvalidEmailAddress);
        }

        string domain;
        try
        {
            domain = Idn.GetAscii(parsed.Host);
        }
        catch (ArgumentException)
        {
            return Checked.Fail(OutcomeReason.InvalidEmailAddress);
        }

        var address = $"{parsed.User}@{domain}".ToLowerInvariant();
        return parsed.User.Length <= MaxLocalPartLength && address.Length <= MaxLength && DomainPattern().IsMatch(domain)
            ? Checked.Ok(address)
            : Checked.Fail(OutcomeReason.InvalidEmailAddress);
    }

    // Dot-separated labels of letters, digits and inner hyphens, ending in a letter-led top-level label.
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
