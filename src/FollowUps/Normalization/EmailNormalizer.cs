using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;

namespace FollowUps.Normalization;

/// <summary>
/// Email addresses checked and put in canonical form: composed (NFC), trimmed of white space, control and invisible
/// characters at either end, ASCII domain, lower case. The do-not-contact list and the engine read addresses with this
/// one function, so an address the list holds is found however a call record writes it. Thread-safe.
/// </summary>
internal static partial class EmailNormalizer
{
    private const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxRawLength = 1_000;
    private static readonly IdnMapping Idn = new();

    public static Checked Normalize(string? raw)
    {
        if (raw is null)
        {
            return Checked.Fail(OutcomeReason.NoEmailAddress);
        }

        if (raw.Length > MaxRawLength || !TryCompose(raw, out var composed))
        {
            return Checked.Fail(OutcomeReason.InvalidEmailAddress);
        }

        var start = composed.AsSpan().IndexOfAnyExcept(Ignorable.Characters);
        if (start < 0)
        {
            return Checked.Fail(OutcomeReason.NoEmailAddress);
        }

        var trimmed = composed[start..(composed.AsSpan().LastIndexOfAnyExcept(Ignorable.Characters) + 1)];

        if (trimmed.Length > MaxLength || trimmed.AsSpan().ContainsAny(Ignorable.Characters))
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
        // MailAddress takes "taro.@example.com"; SMTP's dot-string does not, and no mail server would take it.
        return parsed.User.Length <= MaxLocalPartLength && !parsed.User.EndsWith('.') && address.Length <= MaxLength && DomainPattern().IsMatch(domain)
            ? Checked.Ok(address)
            : Checked.Fail(OutcomeReason.InvalidEmailAddress);
    }

    /// <summary>
    /// <paramref name="raw"/> with its accents composed: <c>"jose\u0301@example.com"</c> is <c>"josé@example.com"</c>,
    /// one address however it was typed. False for text that is not Unicode (an unpaired surrogate), which
    /// <see cref="string.Normalize()"/> does not always refuse.
    /// </summary>
    private static bool TryCompose(string raw, out string composed)
    {
        composed = "";
        for (var i = 0; i < raw.Length; i++)
        {
            if (char.IsSurrogatePair(raw, i))
            {
                i++;
            }
            else if (char.IsSurrogate(raw[i]))
            {
                return false;
            }
        }

        composed = raw.IsNormalized(NormalizationForm.FormC) ? raw : raw.Normalize(NormalizationForm.FormC);
        return true;
    }

    // Dot-separated labels of letters, digits and inner hyphens, ending in a letter-led top-level label.
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
