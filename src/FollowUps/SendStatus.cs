using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>What a provider said about one send.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SendStatus>))]
public enum SendStatus
{
    /// <summary>Accepted; the result carries the provider's message id.</summary>
    Sent = 0,

    /// <summary>Failed in a way worth retrying later (rate limit, outage, network before the request left).</summary>
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
}
