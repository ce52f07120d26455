namespace FollowUps.Tests.Delivery;

/// <summary>
/// A store of the tests' own that starts a follow-up in its claim (<see cref="IFollowUpClaimStarter"/>), from the
/// in-memory store's own steps, and counts what the engine asked of it.
/// </summary>
internal sealed class StartingStore(TimeProvider time) : ForwardingStore(time), IFollowUpClaimStarter
{
    public int Claims { get; private set; }

    public int Starts { get; private set; }

    public int Updates { get; private set; }

    /// <summary>Runs at the start of each <see cref="ClaimAndStartAsync"/>, as a write that came just before it.</summary>
    public Func<Task>? Before { get; set; }

    /// <summary>Answers as a store whose claim found its own earlier one, still claimed: won, not started.</summary>
    public bool FindsItsOwnClaim { get; set; }

    public override Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        Claims++;
        return base.ClaimAsync(record, cancellationToken);
    }

    public override Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
    {
        Updates++;
        return base.TryUpdateAsync(current, next, cancellationToken);
    }

    public async ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken)
    {
        Starts++;
        if (Before is { } before)
        {
            await before();
        }

        cancellationToken.ThrowIfCancellationRequested(); // As a store whose write is cancelled before it commits: nothing stored.

        var claimed = await base.ClaimAsync(claim, cancellationToken);
        if (!claimed.Won)
        {
            return new(false, claimed.Record, null);
        }

        if (await FindSuppressionAsync(claim.Key.AccountId, claim.Targets, cancellationToken) is { } entry)
        {
            return new(true, claimed.Record, entry);
        }

        if (FindsItsOwnClaim)
        {
            return new(true, claimed.Record, null);
        }

        (await base.TryUpdateAsync(claim, sending, cancellationToken)).Should().BeTrue();
        return new(true, sending, null);
    }
}
