using System.Buffers;
using System.Globalization;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using FollowUps.Rules;

namespace FollowUps.Normalization;

/// <summary>
/// Email addresses checked and put in canonical form: composed (NFC), without invisible characters (zero-width, bidi
/// marks), trimmed of white space and control characters, ASCII domain, lower case. <see cref="Normalize"/> reads a field
/// as one address to send to; <see cref="AddressesIn"/> finds every address in a field that is not one, for the
/// do-not-contact lookup. The list and the engine read addresses with these same functions. Thread-safe.
/// </summary>
internal static partial class EmailNormalizer
{
    /// <summary>The longest field read, in characters; a longer one is no email field (the call record is refused).</summary>
    public const int MaxFieldLength = 1_000;

    private const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private static readonly IdnMapping Idn = new();
    private static readonly SearchValues<char> Invisible = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(SlotRules.IsInvisible).ToArray());

    private static readonly SearchValues<char> PlainLocal = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-");
    private static readonly SearchValues<char> PlainLabel = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    /// <summary>What separates the addresses of a field that is not one: <c>Ann &lt;ann@example.com&gt;</c>, <c>a@b.com, c@d.com</c>.</summary>
    private static readonly char[] Separators = [' ', '<', '>', ',', ';', '(', ')', '[', ']'];

    public static Checked Normalize(string? raw)
    {
        if (raw is null)
        {
            return Checked.Fail(OutcomeReason.NoEmailAddress);
        }

        if (raw.Length > MaxFieldLength || !TryClean(raw, out var composed))
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

        return IsPlain(trimmed) ? Checked.Ok(trimmed.ToLowerInvariant()) : NormalizeFully(trimmed);
    }

    /// <summary>
    /// The full check of a trimmed, composed field, for every address <see cref="IsPlain"/> does not vouch for: MailAddress
    /// reads it, the domain becomes ASCII (IDNA), and both parts are held to SMTP's forms.
    /// </summary>
    internal static Checked NormalizeFully(string trimmed)
    {
        // MailAddress also accepts "Name <a@b>", comments and quoted local parts ("ann"@b is ann@b to a mail server, but
        // not to an ordinal comparison); only a bare dot-atom address is an address here (the local part is checked below).
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
        // MailAddress also takes "taro.@example.com" and "mailto:ann@example.com"; SMTP's dot-atom takes neither.
        return parsed.User.Length <= MaxLocalPartLength && LocalPartPattern().IsMatch(parsed.User) && address.Length <= MaxLength && DomainPattern().IsMatch(domain)
            ? Checked.Ok(address)
            : Checked.Fail(OutcomeReason.InvalidEmailAddress);
    }

    /// <summary>
    /// Whether <paramref name="address"/> is an address of the everyday kind that <see cref="NormalizeFully"/> takes as it
    /// is, lower-cased: ASCII letters, digits and <c>. _ + -</c> before one <c>@</c> (no dot at either end or twice in a
    /// row, at most 64), then two or more labels of letters, digits and single inner hyphens, the last led by a letter. Most
    /// contacts' addresses are, and they skip MailAddress, IDNA and the patterns; a test holds both paths to one answer.
    /// </summary>
    private static bool IsPlain(ReadOnlySpan<char> address)
    {
        var at = address.IndexOf('@');
        if (at is < 1 or > MaxLocalPartLength)
        {
            return false;
        }

        var local = address[..at];
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal) || local.ContainsAnyExcept(PlainLocal))
        {
            return false;
        }

        var domain = address[(at + 1)..];
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || label.Contains("--", StringComparison.Ordinal) || label.ContainsAnyExcept(PlainLabel))
            {
                return false;
            }

            labels++;
            if (range.End.GetOffset(domain.Length) == domain.Length && !char.IsAsciiLetter(label[0]))
            {
                return false;
            }
        }

        return labels >= 2;
    }

    /// <summary>
    /// Every address in <paramref name="raw"/>, normalised: for a field that is not one address (<c>"Ann &lt;ann@example.com&gt;"</c>,
    /// <c>"mailto:ann@example.com"</c>, <c>"ann@example.com."</c>, two addresses), what the do-not-contact list is checked by.
    /// Finding too much only checks the list more.
    /// </summary>
    public static IEnumerable<string> AddressesIn(string? raw)
    {
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxFieldLength)
        {
            return [];
        }

        // Quotes and invisible characters go ("ann"@example.com is ann@example.com to a mail server); white space and
        // control characters separate.
        var words = new string(raw.Where(c => c != '"' && !SlotRules.IsInvisible(c)).Select(c => Ignorable.Is(c) ? ' ' : c).ToArray());
        return words.Split(Separators, StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Contains('@', StringComparison.Ordinal))
            .Select(word => Normalize((word.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? word[7..] : word).TrimEnd('.')))
            .Where(address => address.IsUsable)
            .Select(address => address.Value!)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// <paramref name="raw"/> with its accents composed and its invisible characters removed: <c>"jose\u0301@example.com"</c>
    /// and <c>"jos\u200Bé@example.com"</c> are <c>"josé@example.com"</c>, one address however it was typed or pasted.
    /// False for text that is not Unicode (an unpaired surrogate), which <see cref="string.Normalize()"/> does not always
    /// refuse.
    /// </summary>
    private static bool TryClean(string raw, out string composed)
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
        if (composed.AsSpan().ContainsAny(Invisible))
        {
            composed = string.Concat(composed.Where(c => !SlotRules.IsInvisible(c)));
        }

        return true;
    }

    // RFC 5322's dot-atom (RFC 6531 adds every non-ASCII character): atext runs joined by single dots, none at either end.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPartPattern();

    // Dot-separated labels of letters, digits and inner hyphens, ending in a letter-led top-level label.
    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
