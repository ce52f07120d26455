namespace FollowUps;

/// <summary>
/// The identity of one follow-up: account, campaign, contact and kind. The store lets each key be claimed
/// once, which is what makes every kind go at most once per contact per campaign.
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="CampaignId">The campaign.</param>
/// <param name="ContactId">The contact.</param>
/// <param name="Kind">The kind of follow-up.</param>
public readonly record struct FollowUpKey(string AccountId, string CampaignId, string ContactId, FollowUpKind Kind)
{
    /// <summary>The key as <c>account/campaign/contact/kind</c>, for logs. Not an id: the parts may contain "/".</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => $"{AccountId}/{CampaignId}/{ContactId}/{Kind}";
}
