using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// Turns an <see cref="EmailMessage"/> into the MIME message that goes on the wire, with a Message-ID derived from its
/// follow-up key: the same follow-up always gets the same Message-ID, so a receiving server can drop a resent copy.
/// Thread-safe.
/// </summary>
internal sealed class MimeMessageFactory
{
    private readonly string _fromAddress;
    private readonly string _idDomain;
    private readonly TimeProvider _timeProvider;

    public MimeMessageFactory(string fromAddress, TimeProvider timeProvider)
    {
        _fromAddress = fromAddress.Trim();
        _idDomain = IdDomain(_fromAddress);
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is a bare address such as <c>ann@example.com</c>, without a display name: MimeKit
    /// reads it as one mailbox with the same local part and the same domain. MimeKit hands an IDN domain back in Unicode
    /// (<c>xn--bcher-kva.example</c> as <c>bücher.example</c>), so the domains are compared in their ASCII (xn--) form.
    /// </summary>
    public static bool IsAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return false;
        }

        var trimmed = value.Trim();
        var at = trimmed.LastIndexOf('@');
        return at > 0 && at < trimmed.Length - 1
            && MailboxAddress.TryParse(trimmed, out var mailbox)
            && string.IsNullOrEmpty(mailbox.Name)
            && mailbox.Route.Count == 0
            && string.Equals(mailbox.LocalPart, trimmed[..at], StringComparison.Ordinal)
            && AsciiDomain(mailbox.Domain) is { } parsed
            && string.Equals(parsed, AsciiDomain(trimmed[(at + 1)..]), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the local part (before the last '@') of <paramref name="address"/> has a non-ASCII character, which only SMTPUTF8 (RFC 6531) can carry.</summary>
    public static bool HasUnicodeLocalPart(string address)
    {
        var at = address.LastIndexOf('@');
        return !Ascii.IsValid(at < 0 ? address : address.AsSpan(0, at));
    }

    /// <summary>
    /// Why <paramref name="message"/> cannot go out as it is, or null. Header injection is refused here, whatever the
    /// caller checked: see <see cref="HeaderText.Problem"/>, <see cref="BodyText.Problem"/> and <see cref="UnsubscribeLink.Problem"/>.
    /// </summary>
    public static string? Problem(EmailMessage message)
    {
        if (!IsAddress(message.To))
        {
            return "The recipient address is not a valid email address.";
        }

        return HeaderText.Problem(message.FromName, "from name")
            ?? HeaderText.Problem(message.Subject, "subject")
            ?? BodyText.Problem(message.TextBody, "text body")
            ?? BodyText.Problem(message.HtmlBody, "HTML body")
            ?? (message.UnsubscribeUrl is { } url ? UnsubscribeLink.Problem(url) : null);
    }

    /// <summary>
    /// The Message-ID (without angle brackets) of the follow-up <paramref name="key"/>: the lowercase hex SHA-256 of its four
    /// parts, each length-prefixed so no two keys collide, at the domain of the from address.
    /// </summary>
    public string MessageIdFor(FollowUpKey key)
    {
        var text = new StringBuilder();
        foreach (var part in (ReadOnlySpan<string>)[key.AccountId, key.CampaignId, key.ContactId, key.Kind.ToString()])
        {
            text.Append(CultureInfo.InvariantCulture, $"{part?.Length ?? 0}:{part};");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"{Convert.ToHexStringLower(hash)}@{_idDomain}";
    }

    /// <summary>
    /// The MIME message: From "FromName &lt;from address&gt;", To, Subject (the name and subject as RFC 2047 encoded-words
    /// when <see cref="HeaderText.NeedsEncodedWords"/>, in lines of at most 76 characters), the key's
    /// Message-ID, the current Date, List-Unsubscribe and List-Unsubscribe-Post when the message has an unsubscribe link,
    /// and a text/plain body, or multipart/alternative with the HTML too. Check <see cref="Problem"/> first.
    /// </summary>
    public MimeMessage Create(EmailMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = MessageIdFor(message.Key),
            Date = _timeProvider.GetUtcNow(),
            Body = new BodyBuilder
            {
                TextBody = BodyText.NormaliseLineBreaks(message.TextBody),
                HtmlBody = message.HtmlBody is null ? null : BodyText.NormaliseLineBreaks(message.HtmlBody),
            }.ToMessageBody(),
        };
        var from = new MailboxAddress(message.FromName, _fromAddress);
        mime.From.Add(from);
        if (HeaderText.NeedsEncodedWords(message.Subject, phrase: false))
        {
            mime.Headers[mime.Headers.IndexOf(HeaderId.Subject)].SetRawValue(HeaderText.RawValue("Subject", message.Subject, address: null));
        }

        if (HeaderText.NeedsEncodedWords(message.FromName, phrase: true))
        {
            mime.Headers[mime.Headers.IndexOf(HeaderId.From)].SetRawValue(HeaderText.RawValue("From", message.FromName, from.GetAddress(idnEncode: true)));
        }

        mime.To.Add(new MailboxAddress(string.Empty, message.To.Trim()));
        if (message.UnsubscribeUrl is { } url)
        {
            mime.Headers.Add(UnsubscribeLink.Header(url));
            mime.Headers.Add(HeaderId.ListUnsubscribePost, UnsubscribeLink.OneClick);
        }

        return mime;
    }

    private static string? AsciiDomain(string domain)
    {
        try
        {
            return new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string IdDomain(string fromAddress)
    {
        var domain = fromAddress[(fromAddress.LastIndexOf('@') + 1)..];
        try
        {
            return new IdnMapping().GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return "followups.invalid";
        }
    }
}
