namespace FollowUps;

/// <summary>What <see cref="IFollowUpClaimStarter.ClaimAndStartAsync"/> did.</summary>
/// <param name="Claim">Whether the claim won, and the record that holds the key now (the sending one when <see cref="Started"/>).</param>
/// <param name="Suppression">The do-not-contact entry that kept a won claim from starting: the follow-up stays claimed.</param>
public sealed record FollowUpStart(FollowUpClaim Claim, SuppressionEntry? Suppression)
{
    /// <summary>
    /// Whether the follow-up is sending for this claim: the claim won, no entry stopped it, and the record that holds the
    /// key is sending. A claim that won by finding its own earlier record (a retry after a lost answer) may find it still
    /// claimed: then it has not started.
    /// </summary>
    public bool Started => Claim.Won && Suppression is null && Claim.Record.State == FollowUpState.Sending;
}
