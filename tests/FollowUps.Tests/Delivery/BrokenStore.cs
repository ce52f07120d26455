namespace FollowUps.Tests.Delivery;

/// <summary>A store whose one named operation throws, as a database that went away (or timed out) would.</summary>
internal sealed class BrokenStore(string failOn, Exception? exception = null) : ForwardingStore
{
    public override Task<bool> TryClaimAsync(FollowUpKey key, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        ThrowIfFailing(nameof(TryClaimAsync));
        return base.TryClaimAsync(key, claimedAt, cancellationToken);
    }

    public override Task CompleteAsync(FollowUpKey key, FollowUpOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ThrowIfFailing(nameof(CompleteAsync));
        return base.CompleteAsync(key, outcome, completedAt, cancellationToken);
    }

    public override Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken)
    {
        ThrowIfFailing(nameof(FindSuppressionAsync));
        return base.FindSuppressionAsync(accountId, targets, cancellationToken);
    }

    private void ThrowIfFailing(string operation)
    {
        if (operation == failOn)
        {
            throw exception ?? new InvalidDataException($"{operation}: the database is unreachable");
        }
    }
}
