namespace FollowUps;

/// <summary>
/// What a dispatcher asks <see cref="IFollowUpStore.LeaseDueAsync"/> for: up to <see cref="Max"/> follow-ups that need a
/// worker, no more than <see cref="MaxPerAccount"/> of one account, none of the accounts and kinds in <see cref="Skip"/>.
/// Immutable; every value is checked when set.
/// </summary>
public sealed record FollowUpLeaseRequest
{
    /// <summary>Creates a request with no per-account limit and nothing skipped.</summary>
    /// <param name="owner">The dispatcher's token; not blank.</param>
    /// <param name="now">Now, from the dispatcher's clock.</param>
    /// <param name="leaseUntil">When the leases end.</param>
    /// <param name="max">The most to lease; positive.</param>
    public FollowUpLeaseRequest(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        (Owner, Now, LeaseUntil, Max) = (owner, now, leaseUntil, max);
    }

    /// <summary>The dispatcher's token, written as each leased follow-up's <see cref="FollowUpRecord.LeaseOwner"/>.</summary>
    public string Owner { get; }

    /// <summary>Now, from the dispatcher's clock: what is due by then needs a worker.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>When the leases end.</summary>
    public DateTimeOffset LeaseUntil { get; }

    /// <summary>The most to lease.</summary>
    public int Max { get; }

    /// <summary>
    /// The most to lease of one account (by <see cref="FollowUpKey.AccountId"/>), each account's oldest due first, so one
    /// account's backlog never fills a batch; positive. Default: no limit.
    /// </summary>
    public int MaxPerAccount
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one follow-up of an account must fit in a lease.");
    } = int.MaxValue;

    /// <summary>
    /// Accounts and kinds to leave unleased, whatever is due: those whose sender is resting (its credentials were refused
    /// and the cool-down has not ended) or already has the dispatcher's share of one account in work. Default: none.
    /// </summary>
    public IReadOnlyCollection<AccountKind> Skip
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = [];
}
