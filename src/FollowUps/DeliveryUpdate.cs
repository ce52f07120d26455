using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>What a store did with a <see cref="DeliveryReport"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryUpdate>))]
public enum DeliveryUpdate
{
    /// <summary>The report moved the message forward and is now its latest.</summary>
    Applied = 0,

    /// <summary>The message is already at or past the reported status (a repeated, late or out-of-order report); nothing changed.</summary>
    Stale = 1,

    /// <summary>No follow-up was sent with that provider message id (yet: a report can arrive before the send is recorded).</summary>
    UnknownMessage = 2,

    /// <summary>
    /// The report is about another message of the follow-up than its last attempt's (an earlier attempt that did reach the
    /// provider, after all): kept in the follow-up's history as that attempt's, not applied. The contact may have got the
    /// follow-up twice.
    /// </summary>
    OtherAttempt = 3,
}
