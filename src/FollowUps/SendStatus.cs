using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>What a provider said about one send.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SendStatus>))]
public enum SendStatus
{
    /// <summary>Accepted; the result carries the provider's message id.</summary>
    Sent = 0,

    /// <summary>
    /// Failed in a way worth retrying later, and nothing was sent: a rate or quota answer, an outage, a network failure
    /// before the request left. <see cref="SendResult.RetryAfter"/> says when, if the provider said.
    /// </summary>
    TransientFailure = 1,

    /// <summary>Refused for good (invalid or unreachable destination, mailbox unavailable).</summary>
    PermanentFailure = 2,

    /// <summary>The recipient opted out with the provider; the engine adds a suppression entry.</summary>
    RecipientOptedOut = 3,

    /// <summary>
    /// The request may have reached the provider, but no answer came (a timeout or a dropped connection after it left):
    /// the message may or may not have been sent. The engine records it as unknown and never sends it again blindly.
    /// </summary>
    Unknown = 4,

    /// <summary>
    /// The provider refused the account's credentials, so nothing was sent, and no send from this account will go until
    /// they are fixed. <see cref="SendResult.RetryAfter"/> is the adapter's cool-down, so a wrong password is not retried
    /// until the provider locks the account.
    /// </summary>
    CredentialsRefused = 5,
}
