namespace FollowUps;

/// <summary>
/// Which follow-ups to list (<see cref="IFollowUpOperator.ListAsync"/>, <see cref="IFollowUpStore.ListAsync"/>): one
/// account's, optionally one campaign's, in some states, claimed in a time range. A page holds up to <see cref="Limit"/>
/// records, oldest claim first (then by campaign, contact and kind); the next page starts <see cref="After"/> the last
/// record of this one (<c>query with { After = FollowUpCursor.After(page[^1]) }</c>). Immutable.
/// </summary>
public sealed record FollowUpQuery
{
    /// <summary>The most records a page may hold: 1,000.</summary>
    public const int MaxLimit = 1_000;

    /// <summary>The account whose follow-ups to list.</summary>
    public required string AccountId { get; init; }

    /// <summary>Only this campaign's; <see langword="null"/> for every campaign of the account.</summary>
    public string? CampaignId { get; init; }

    /// <summary>Only follow-ups in these states; <see langword="null"/> or empty for every state.</summary>
    public IReadOnlyCollection<FollowUpState>? States { get; init; }

    /// <summary>Only follow-ups claimed before this moment (older ones); <see langword="null"/> for no bound.</summary>
    public DateTimeOffset? ClaimedBefore { get; init; }

    /// <summary>Only follow-ups claimed at or after this moment (newer ones); <see langword="null"/> for no bound.</summary>
    public DateTimeOffset? ClaimedSince { get; init; }

    /// <summary>The most records in the page. Default 100; from 1 to <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Where the previous page ended, to list the page after it; <see langword="null"/> for the first page.</summary>
    public FollowUpCursor? After { get; init; }

    /// <summary>Whether <paramref name="record"/> is one this query lists, before paging. Stores may use it as the reference.</summary>
    /// <param name="record">A follow-up.</param>
    /// <returns>Whether it matches the account, campaign, states and claim times.</returns>
    public bool Matches(FollowUpRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Key.AccountId == AccountId
            && (CampaignId is null || record.Key.CampaignId == CampaignId)
            && (States is not { Count: > 0 } states || states.Contains(record.State))
            && (ClaimedBefore is not { } before || record.ClaimedAt < before)
            && (ClaimedSince is not { } since || record.ClaimedAt >= since);
    }

    /// <summary>Checks the query; stores call it first.</summary>
    /// <exception cref="ArgumentException">The account is blank, or <see cref="Limit"/> is out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(AccountId, nameof(AccountId));
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"FollowUpQuery.Limit must be from 1 to {MaxLimit}; it was {Limit}.", nameof(Limit));
        }
    }
}
