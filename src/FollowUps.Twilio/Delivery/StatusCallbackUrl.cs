using System.Globalization;

namespace FollowUps.Twilio.Delivery;

/// <summary>
/// Each message's status callback URL: the configured one with the follow-up's key added as <c>followup=</c>
/// <c>account/campaign/contact/kind</c> (each part URL-escaped) and the send's attempt as <c>attempt=</c> (when the
/// outbox numbered it). Twilio signs the URL it calls back, so both come back unforgeable: a delivery report finds its
/// follow-up even before the send's outcome is recorded, or when Twilio's answer to the send never came, and a late
/// report of an earlier attempt is told from the last one's. Pure; thread-safe.
/// </summary>
internal static class StatusCallbackUrl
{
    private const string KeyParameter = "followup";
    private const string AttemptParameter = "attempt";

    /// <summary><paramref name="callbackUrl"/> naming <paramref name="key"/> and, when positive, <paramref name="attempt"/>.</summary>
    public static string For(string callbackUrl, FollowUpKey key, int attempt = 0)
    {
        var value = string.Join('/', Uri.EscapeDataString(key.AccountId), Uri.EscapeDataString(key.CampaignId), Uri.EscapeDataString(key.ContactId), key.Kind);
        var url = $"{callbackUrl}{(callbackUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{KeyParameter}={value}";
        return attempt > 0 ? string.Create(CultureInfo.InvariantCulture, $"{url}&{AttemptParameter}={attempt}") : url;
    }

    /// <summary>The follow-up key in a callback URL this class made, or <see langword="null"/>.</summary>
    public static FollowUpKey? KeyIn(string url)
    {
        foreach (var (name, value) in Parameters(url))
        {
            if (name == KeyParameter
                && value.Split('/') is [var account, var campaign, var contact, var kind]
                && Enum.TryParse<FollowUpKind>(kind, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
            {
                return new FollowUpKey(Uri.UnescapeDataString(account), Uri.UnescapeDataString(campaign), Uri.UnescapeDataString(contact), parsed);
            }
        }

        return null;
    }

    /// <summary>The attempt in a callback URL this class made (1 or more), or <see langword="null"/> when it names none.</summary>
    public static int? AttemptIn(string url)
    {
        foreach (var (name, value) in Parameters(url))
        {
            if (name == AttemptParameter && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt > 0)
            {
                return attempt;
            }
        }

        return null;
    }

    private static IEnumerable<(string Name, string Value)> Parameters(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            yield return pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? (pair[..at], pair[(at + 1)..]) : (pair, "");
        }
    }
}
