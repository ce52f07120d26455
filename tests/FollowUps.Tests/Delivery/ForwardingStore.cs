namespace FollowUps.Tests.Delivery;

/// <summary>A store of the tests' own that forwards to an in-memory one; subclasses break single operations.</summary>
internal class ForwardingStore : IFollowUpStore
{
    private readonly InMemoryFollowUpStore _inner = new();

    public virtual Task<bool> TryClaimAsync(FollowUpKey key, DateTimeOffset claimedAt, CancellationToken cancellationToken) =>
        _inner.TryClaimAsync(key, claimedAt, cancellationToken);

    public virtual Task CompleteAsync(FollowUpKey key, FollowUpOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken) =>
        _inner.CompleteAsync(key, outcome, completedAt, cancellationToken);

    public Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken) => _inner.RecordDeliveryAsync(report, cancellationToken);

    public Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken) => _inner.FindAsync(key, cancellationToken);

    public virtual Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken) =>
        _inner.FindSuppressionAsync(accountId, targets, cancellationToken);

    public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken) => _inner.AddSuppressionAsync(entry, cancellationToken);

    public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken) =>
        _inner.RemoveSuppressionAsync(accountId, target, cancellationToken);
}
