namespace FollowUps.Benchmarks.Support;

/// <summary>
/// The in-memory outbox, forgetting: every <see cref="Keep"/> claims it starts over on an empty store, so it holds at most
/// that many follow-ups. The whole call on it costs what the call costs without the collector's work for what the store
/// keeps; the difference to the whole call on <see cref="InMemoryFollowUpStore"/> is mostly that work (this one also
/// regrows a small table every 128 calls; that one fills a large one). Only for measuring: a
/// store that forgets would send a contact the same follow-up again.
/// </summary>
internal sealed class ForgetfulStore : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter
{
    private const int Keep = 256; // Its table stays under the large object heap's threshold (85,000 bytes), as a store's small tables do.

    private InMemoryFollowUpStore _store = new();
    private int _claims;

    public Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken) => Claiming().ClaimAsync(record, cancellationToken);

    public ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken) =>
        Claiming().ClaimAndStartAsync(claim, sending, cancellationToken);

    /// <summary>The store a claim goes to: a new, empty one every <see cref="Keep"/> claims.</summary>
    private InMemoryFollowUpStore Claiming() => ++_claims % Keep == 0 ? _store = new() : _store;

    public Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken) => _store.TryUpdateAsync(current, next, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken) => _store.LeaseDueAsync(request, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> CancelPendingAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken) =>
        _store.CancelPendingAsync(accountId, targets, outcome, now, cancellationToken);

    public Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken) => _store.FindAsync(key, cancellationToken);

    public Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken) => _store.FindByProviderMessageIdAsync(providerMessageId, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken) => _store.FindByCallAsync(accountId, callId, cancellationToken);

    public Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken) => _store.RecordDeliveryAsync(report, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken) => _store.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken) => _store.ReadHistoryAsync(key, cancellationToken);

    public Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken) => _store.FindSuppressionAsync(accountId, targets, cancellationToken);

    public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken) => _store.AddSuppressionAsync(entry, cancellationToken);

    public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken) => _store.RemoveSuppressionAsync(accountId, target, cancellationToken);
}
