namespace FollowUps.Tests.Delivery;

/// <summary>A store whose one named operation throws, as a database that went away (or timed out) would.</summary>
internal sealed class BrokenStore(string failOn, Exception? exception = null) : ForwardingStore
{
    public override Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        ThrowIfFailing(nameof(ClaimAsync));
        return base.ClaimAsync(record, cancellationToken);
    }

    public override Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
    {
        ThrowIfFailing(next.State is FollowUpState.Sending ? "StartSending" : nameof(TryUpdateAsync));
        return base.TryUpdateAsync(current, next, cancellationToken);
    }

    public override Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken)
    {
        ThrowIfFailing(nameof(LeaseDueAsync));
        return base.LeaseDueAsync(request, cancellationToken);
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
