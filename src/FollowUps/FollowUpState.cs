using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>
/// Where a follow-up is in its life in the outbox. It only moves forward:
/// claimed → sending → sent, failed, unknown or waiting; waiting → sending again (a retry) until it is sent, fails or
/// expires; claimed or waiting → cancelled when the contact joins the do-not-contact list first.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FollowUpState>))]
public enum FollowUpState
{
    /// <summary>Claimed by a call, its message rendered and stored; its first send has not started.</summary>
    Claimed = 0,

    /// <summary>The provider accepted the message.</summary>
    Sent = 1,

    /// <summary>The send failed for good; the outcome says why.</summary>
    Failed = 2,

    /// <summary>The request may have reached the provider, which never answered: it is never sent again blindly.</summary>
    Unknown = 3,

    /// <summary>A send is under way: written just before the request leaves, by the lease's owner.</summary>
    Sending = 4,

    /// <summary>Waiting until <see cref="FollowUpRecord.DueAt"/> for the reason in <see cref="FollowUpRecord.WaitReason"/>.</summary>
    Waiting = 5,

    /// <summary>Ended unsent: its attempts or its time ran out (the outcome says which), or it stayed unknown until its deadline.</summary>
    Expired = 6,

    /// <summary>Ended unsent: the contact joined the do-not-contact list before it went.</summary>
    Cancelled = 7,
}
