using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>What happened to one follow-up.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutcomeStatus>))]
public enum OutcomeStatus
{
    /// <summary>The provider accepted the message.</summary>
    Sent = 0,

    /// <summary>Nothing was sent, by rule; <see cref="FollowUpOutcome.Reason"/> says which.</summary>
    Skipped = 1,

    /// <summary>A send was attempted or prepared and did not succeed; <see cref="FollowUpOutcome.Reason"/> says why.</summary>
    Failed = 2,

    /// <summary>
    /// The message may or may not have left: the provider never answered the request. It is not sent again blindly;
    /// <see cref="FollowUpOutcome.Reason"/> is <see cref="OutcomeReason.NoProviderAnswer"/>.
    /// </summary>
    Unknown = 3,

    /// <summary>
    /// Stored in the outbox and not sent yet: the dispatcher sends it. A retry waits (the reason says why the last send
    /// failed, the detail when the next one is), or the follow-up was queued without an inline send.
    /// </summary>
    Queued = 4,
}
