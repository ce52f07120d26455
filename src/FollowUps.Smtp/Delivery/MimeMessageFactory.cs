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

    /// <summary>Whether <paramref name="value"/> is a bare address such as <c>ann@example.com</c>, without a display name.</summary>
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
            && string.Equals(mailbox.Address, trimmed, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Why <paramref name="message"/> cannot go out as it is, or null. Header injection is refused here, whatever the caller checked.</summary>
    public static string? Problem(EmailMessage message)
    {
        if (!IsAddress(message.To))
        {
            return "The recipient address is not a valid email address.";
        }

        if (HasLineBreak(message.FromName))
        {
            return "The from name contains a line break.";
        }

        if (HasLineBreak(message.Subject))
        {
            return "The subject contains a line break.";
        }

        return message.UnsubscribeUrl is { } url ? UnsubscribeLink.Problem(url) : null;

        static bool HasLineBreak(string? value) => value is not null && value.AsSpan().IndexOfAny('\r', '\n') >= 0;
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
    /// The MIME message: From "FromName &lt;from address&gt;", To, Subject (RFC 2047 encoded when not ASCII), the key's
    /// Message-ID, the current Date, List-Unsubscribe and List-Unsubscribe-Post when the message has an unsubscribe link,
    /// and a text/plain body, or multipart/alternative with the HTML too. Check <see cref="Problem"/> first.
    /// </summary>
    public MimeMessage Create(EmailMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = NeedsOwnEncoding(message.Subject, phrase: false) ? EncodedWords(message.Subject) : message.Subject,
            MessageId = MessageIdFor(message.Key),
            Date = _timeProvider.GetUtcNow(),
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        var name = NeedsOwnEncoding(message.FromName, phrase: true) ? EncodedWords(message.FromName) : message.FromName;
        mime.From.Add(new MailboxAddress(name, _fromAddress));
        mime.To.Add(new MailboxAddress(string.Empty, message.To.Trim()));
        if (message.UnsubscribeUrl is { } url)
        {
            mime.Headers.Add(UnsubscribeLink.Header(url));
            mime.Headers.Add(HeaderId.ListUnsubscribePost, UnsubscribeLink.OneClick);
        }

        return mime;
    }

    /// <summary>
    /// Whether MimeKit's own encoding could change the text on the way: text with "=?" in it could be read as an RFC 2047
    /// encoded-word by the receiving client (MimeKit sends such ASCII text as it is), and a display name that mixes
    /// non-ASCII words with quoted specials can come back with spaces added between them.
    /// </summary>
    private static bool NeedsOwnEncoding(string text, bool phrase)
        => text.Contains("=?", StringComparison.Ordinal) || (phrase && !Ascii.IsValid(text));

    /// <summary>
    /// The text as UTF-8 "B" encoded-words of at most 75 characters, never splitting a character; the spaces between
    /// them are not part of the text (RFC 2047 section 6.2), so it decodes back to exactly the text.
    /// </summary>
    private static string EncodedWords(string text)
    {
        const int maxBytesPerWord = 45;
        var words = new List<string>();
        var chunk = new List<byte>(maxBytesPerWord);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            if (chunk.Count + length > maxBytesPerWord)
            {
                words.Add(EncodedWord(chunk));
                chunk.Clear();
            }

            chunk.AddRange(utf8[..length]);
        }

        words.Add(EncodedWord(chunk));
        return string.Join(' ', words);

        static string EncodedWord(List<byte> bytes) => $"=?utf-8?b?{Convert.ToBase64String([.. bytes])}?=";
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
