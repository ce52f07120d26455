using System.Text;

namespace FollowUps.Twilio;

/// <summary>
/// One account's Twilio secrets, from <see cref="ITwilioCredentials"/>: an auth token, or an API key (Twilio's
/// recommendation for production), and the auth token(s) webhooks are signed with. <see cref="ToString"/> shows which are
/// set, never their values. Immutable.
/// </summary>
public sealed record TwilioCredentials
{
    /// <summary>The account's auth token: authenticates requests when no API key is set, and checks webhook signatures.</summary>
    public string? AuthToken { get; init; }

    /// <summary>
    /// The auth token before the last rotation, while Twilio may still sign webhooks with it: a webhook signed with it is
    /// accepted too. Set it only during a rotation.
    /// </summary>
    public string? PreviousAuthToken { get; init; }

    /// <summary>An API key SID, <c>SK</c> and 32 hex digits; with <see cref="ApiKeySecret"/>, used for requests instead of the auth token.</summary>
    public string? ApiKeySid { get; init; }

    /// <summary>The API key's secret.</summary>
    public string? ApiKeySecret { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AuthToken = ").Append(Set(AuthToken))
            .Append(", PreviousAuthToken = ").Append(Set(PreviousAuthToken))
            .Append(", ApiKeySid = ").Append(ApiKeySid)
            .Append(", ApiKeySecret = ").Append(Set(ApiKeySecret));
        return true;
    }

    private static string Set(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "(set)";
}
