using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FollowUps.Delivery;

/// <summary>
/// The token in an unsubscribe link: the account and the email address, signed with the host's key
/// (<see cref="FollowUpOptions.UnsubscribeSigningKey"/>) so nobody can unsubscribe an address that was not sent an email. Shape: <c>v1.{account}.{address}.{signature}</c>, each part
/// base64url (RFC 4648) and the signature HMAC-SHA256 over what precedes it. The address is readable by whoever holds
/// the link, which is the recipient. Thread-safe.
/// </summary>
internal static class UnsubscribeToken
{
    private const string Version = "v1";

    public static string Create(string signingKey, string accountId, string email)
    {
        var signed = $"{Version}.{Encode(accountId)}.{Encode(email)}";
        return $"{signed}.{Base64Url.EncodeToString(Sign(signingKey, signed))}";
    }

    /// <summary>The account and address of a token this key signed, or <see langword="null"/> for any other text.</summary>
    public static (string AccountId, string Email)? Read(string signingKey, string? token)
    {
        var parts = token?.Trim().Split('.');
        if (parts is not [Version, var account, var email, var signature]
            || !TryDecode(signature, out var given)
            || !CryptographicOperations.FixedTimeEquals(given, Sign(signingKey, $"{Version}.{account}.{email}"))
            || !TryDecode(account, out var accountBytes)
            || !TryDecode(email, out var emailBytes))
        {
            return null;
        }

        return (Encoding.UTF8.GetString(accountBytes), Encoding.UTF8.GetString(emailBytes));
    }

    /// <summary>The link to <paramref name="pageUrl"/> that carries <paramref name="token"/>.</summary>
    public static string Link(string pageUrl, string token) =>
        $"{pageUrl}{(pageUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}token={token}";

    private static string Encode(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    private static bool TryDecode(string value, out byte[] bytes)
    {
        if (!Base64Url.IsValid(value, out var length))
        {
            bytes = [];
            return false;
        }

        bytes = new byte[length];
        return Base64Url.TryDecodeFromChars(value, bytes, out _);
    }

    private static byte[] Sign(string signingKey, string text) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(text));
}
