namespace FollowUps;

/// <summary>What <see cref="IFollowUpClaimStarter.ClaimAndStartAsync"/> did. A store's answer always has a record; the default value is no answer.</summary>
/// <param name="Won">Whether the claim won the key: it stored its record, or found its own earlier one (a retry after a lost answer).</param>
/// <param name="Record">The record that holds the key now: the sending one when <see cref="Started"/>, the claimed one when an entry stopped it, another claim's when it lost.</param>
/// <param name="Suppression">The do-not-contact entry that kept a won claim from starting: the follow-up stays claimed.</param>
public readonly record struct FollowUpStart(bool Won, FollowUpRecord Record, SuppressionEntry? Suppression)
{
    /// <summary>
    /// Whether the follow-up is sending for this claim: the claim won, no entry stopped it, and the record that holds the
    /// key is sending. A claim that won by finding its own earlier record may find it still claimed: then it has not started.
    /// </summary>
    public bool Started => Won && Suppression is null && Record is { State: FollowUpState.Sending };
}
