namespace FollowUps.Benchmarks.Support;

/// <summary>
/// The in-memory outbox, forgetting: every <see cref="Keep"/> claims it starts over on an empty store, so it holds at most
/// that many follow-ups. The whole call on it costs what the call costs without the collector's work for what the store
/// keeps; the difference to the whole call on <see cref="InMemoryFollowUpStore"/> is mostly that work (this one also
/// regrows a small table every 128 calls; that one fills a large one). It can hold on to the message of every
/// follow-up it is given, and nothing else of it (<see cref="KeptMessages"/>): what keeping only what was sent costs, the
/// least any store in process memory that keeps it pays. Only for measuring: a store that forgets would send a contact
/// the same follow-up again.
/// </summary>
internal sealed class ForgetfulStore(KeptMessages messages = KeptMessages.None) : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter
{
    private const int Keep = 256; // Its table stays under the large object heap's threshold (85,000 bytes), as a store's small tables do.

    private const int ChunkBytes = 1 << 20;

    private readonly List<object> _objects = [];
    private readonly List<byte[]> _chunks = [];
    private InMemoryFollowUpStore _store = new();
    private int _claims;
    private int _used = ChunkBytes;

    public Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken) => Claiming(record).ClaimAsync(record, cancellationToken);

    public ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken) =>
        Claiming(claim).ClaimAndStartAsync(claim, sending, cancellationToken);

    /// <summary>The store <paramref name="claim"/> goes to: a new, empty one every <see cref="Keep"/> claims. Keeps its message as asked.</summary>
    private InMemoryFollowUpStore Claiming(FollowUpRecord claim)
    {
        switch (messages)
        {
            case KeptMessages.AsObjects:
                _objects.Add((object?)claim.Sms ?? claim.Email!);
                break;
            case KeptMessages.AsUtf8:
                if (claim.Sms is { } sms)
                {
                    Append(sms.To);
                    Append(sms.Body);
                }
                else if (claim.Email is { } email)
                {
                    Append(email.To);
                    Append(email.FromName);
                    Append(email.Subject);
                    Append(email.TextBody);
                    Append(email.HtmlBody);
                    Append(email.UnsubscribeUrl);
                }

                break;
        }

        return ++_claims % Keep == 0 ? _store = new() : _store;
    }

    /// <summary>Copies <paramref name="text"/> into the chunks as UTF-8, behind what they hold (a new 1 MiB chunk when the last is full).</summary>
    private void Append(string? text)
    {
        if (text is null)
        {
            return;
        }

        if (ChunkBytes - _used < System.Text.Encoding.UTF8.GetMaxByteCount(text.Length))
        {
            _chunks.Add(GC.AllocateUninitializedArray<byte>(ChunkBytes));
            _used = 0;
        }

        _used += System.Text.Encoding.UTF8.GetBytes(text, _chunks[^1].AsSpan(_used));
    }

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

/// <summary>What a <see cref="ForgetfulStore"/> keeps of each follow-up's message.</summary>
internal enum KeptMessages
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>The message object itself, with its strings: what the in-memory store keeps.</summary>
    AsObjects,

    /// <summary>Its strings' UTF-8 bytes, copied into 1 MiB chunks: nothing the collector traces or moves, one copy of the text allocated.</summary>
    AsUtf8,
}
