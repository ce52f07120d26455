namespace FollowUps;

/// <summary>The store's audit record of one claimed follow-up. Immutable.</summary>
public sealed record FollowUpRecord
{
    /// <summary>Which follow-up.</summary>
    public required FollowUpKey Key { get; init; }

    /// <summary>Where it is in its life.</summary>
    public required FollowUpState State { get; init; }

    /// <summary>When it was claimed.</summary>
    public required DateTimeOffset ClaimedAt { get; init; }

    /// <summary>When its outcome was recorded; <see langword="null"/> while <see cref="FollowUpState.Claimed"/>.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The outcome; <see langword="null"/> while <see cref="FollowUpState.Claimed"/>.</summary>
    public FollowUpOutcome? Outcome { get; init; }

    /// <summary>The latest delivery report applied to the sent message, or <see langword="null"/> when none came.</summary>
    public DeliveryReport? Delivery { get; init; }
}
