namespace FollowUps.Tests.Delivery;

/// <summary>An outbox and list of the tests' own that forward to an in-memory one; subclasses break single operations.</summary>
/// <param name="time">The clock the in-memory store stamps with; the system's when omitted.</param>
internal class ForwardingStore(TimeProvider? time = null) : IFollowUpStore, ISuppressionStore
{
    private readonly InMemoryFollowUpStore _inner = new(timeProvider: time);

    public virtual Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken) => _inner.ClaimAsync(record, cancellationToken);

    public virtual Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken) =>
        _inner.TryUpdateAsync(current, next, cancellationToken);

    public virtual Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken) =>
        _inner.LeaseDueAsync(request, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> CancelPendingAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken) =>
        _inner.CancelPendingAsync(accountId, targets, outcome, now, cancellationToken);

    public Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken) => _inner.FindAsync(key, cancellationToken);

    public Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken) => _inner.FindByProviderMessageIdAsync(providerMessageId, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken) =>
        _inner.FindByCallAsync(accountId, callId, cancellationToken);

    public Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken) => _inner.RecordDeliveryAsync(report, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken) => _inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken) => _inner.ReadHistoryAsync(key, cancellationToken);

    public virtual Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken) =>
        _inner.FindSuppressionAsync(accountId, targets, cancellationToken);

    public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken) => _inner.AddSuppressionAsync(entry, cancellationToken);

    public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken) =>
        _inner.RemoveSuppressionAsync(accountId, target, cancellationToken);
}
