namespace FollowUps;

/// <summary>What happened to one follow-up.</summary>
public enum OutcomeStatus
{
    /// <summary>The provider accepted the message.</summary>
    Sent = 0,

    /// <summary>Nothing was sent, by rule; <see cref="FollowUpOutcome.Reason"/> says which.</summary>
    Skipped = 1,

    /// <summary>A send was attempted or prepared and did not succeed; <see cref="FollowUpOutcome.Reason"/> says why.</summary>
    Failed = 2,
}
