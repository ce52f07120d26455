namespace FollowUps.Twilio.Delivery;

/// <summary>
/// Each message's status callback URL: the configured one with the follow-up's key added as <c>followup=</c>
/// <c>account/campaign/contact/kind</c> (each part URL-escaped). Twilio signs the URL it calls back, so the key comes
/// back unforgeable, and a delivery report finds its follow-up even before the send's outcome is recorded, or when
/// Twilio's answer to the send never came. Pure; thread-safe.
/// </summary>
internal static class StatusCallbackUrl
{
    private const string Parameter = "followup";

    public static string For(string callbackUrl, FollowUpKey key)
    {
        var value = string.Join('/', Uri.EscapeDataString(key.AccountId), Uri.EscapeDataString(key.CampaignId), Uri.EscapeDataString(key.ContactId), key.Kind);
        return $"{callbackUrl}{(callbackUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{Parameter}={value}";
    }

    /// <summary>The follow-up key in a callback URL this class made, or <see langword="null"/>.</summary>
    public static FollowUpKey? KeyIn(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            var (name, value) = pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? (pair[..at], pair[(at + 1)..]) : (pair, "");
            if (name == Parameter
                && value.Split('/') is [var account, var campaign, var contact, var kind]
                && Enum.TryParse<FollowUpKind>(kind, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
            {
                return new FollowUpKey(Uri.UnescapeDataString(account), Uri.UnescapeDataString(campaign), Uri.UnescapeDataString(contact), parsed);
            }
        }

        return null;
    }
}
