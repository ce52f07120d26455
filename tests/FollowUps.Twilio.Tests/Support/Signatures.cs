using System.Security.Cryptography;
using System.Text;

namespace FollowUps.Twilio.Tests.Support;

/// <summary>
/// <c>X-Twilio-Signature</c> computed the way Twilio's documentation describes it, written here without the SDK (HMAC
/// too, after RFC 2104), so tests check FollowUps against the documented algorithm and not against the code it calls:
/// HMAC-SHA1 keyed with the auth token (UTF-8) of the full URL followed by each form field's name and value, sorted by
/// name (ordinal), with no separators; in base64.
/// </summary>
internal static class Signatures
{
    private const int Sha1BlockSize = 64;

    /// <summary>The signature Twilio sends for a form POST of <paramref name="form"/> to <paramref name="url"/>.</summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form) =>
        Convert.ToBase64String(HmacSha1(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(SignedText(url, form))));

    /// <summary>The text that is signed: the URL, then every field's name and value, sorted by name.</summary>
    public static string SignedText(string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var text = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

        return text.ToString();
    }

    /// <summary>A request to <paramref name="url"/> with <paramref name="form"/>, signed with <paramref name="authToken"/>.</summary>
    public static TwilioWebhookRequest Signed(string authToken, string url, IReadOnlyDictionary<string, string> form) => new()
    {
        Url = url,
        Form = form,
        Signature = Sign(authToken, url, form),
    };

    /// <summary>HMAC (RFC 2104) over SHA-1: H((K ^ opad) || H((K ^ ipad) || message)).</summary>
    public static byte[] HmacSha1(byte[] key, byte[] message)
    {
        // Twilio's scheme is HMAC-SHA1; SHA-1 is what the signature is, not a choice made here.
#pragma warning disable CA5350
        var block = new byte[Sha1BlockSize];
        (key.Length > Sha1BlockSize ? SHA1.HashData(key) : key).CopyTo(block, 0);
        var inner = new byte[Sha1BlockSize + message.Length];
        var outer = new byte[Sha1BlockSize + (SHA1.HashSizeInBits / 8)];
        for (var i = 0; i < Sha1BlockSize; i++)
        {
            inner[i] = (byte)(block[i] ^ 0x36);
            outer[i] = (byte)(block[i] ^ 0x5c);
        }

        message.CopyTo(inner, Sha1BlockSize);
        SHA1.HashData(inner).CopyTo(outer, Sha1BlockSize);
        return SHA1.HashData(outer);
#pragma warning restore CA5350
    }
}
