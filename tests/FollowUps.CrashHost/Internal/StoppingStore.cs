namespace FollowUps.CrashHost.Internal;

/// <summary>
/// The SQLite store, stopped right after a write the test kills at: prints <see cref="CrashHostProgram.ClaimedLine"/>,
/// flushes, and never returns. Without <paramref name="afterStart"/>, after a claim it won (registered as the outbox
/// alone, beside the list, so the engine takes the three steps); with it, after a claim and its start in one write
/// (registered for both ports, so the engine makes that write: <see cref="IFollowUpClaimStarter"/>).
/// </summary>
internal sealed class StoppingStore(Sqlite.SqliteFollowUpStore inner, bool afterStart) : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter
{
    public async Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        var claim = await inner.ClaimAsync(record, cancellationToken).ConfigureAwait(false);
        if (claim.Won && !afterStart)
        {
            await StopAsync().ConfigureAwait(false);
        }

        return claim;
    }

    public async ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken)
    {
        var start = await inner.ClaimAndStartAsync(claim, sending, cancellationToken).ConfigureAwait(false);
        if (start.Started && afterStart)
        {
            await StopAsync().ConfigureAwait(false);
        }

        return start;
    }

    public Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken) =>
        inner.FindSuppressionAsync(accountId, targets, cancellationToken);

    public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken) => inner.AddSuppressionAsync(entry, cancellationToken);

    public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken) =>
        inner.RemoveSuppressionAsync(accountId, target, cancellationToken);

    private static async Task StopAsync()
    {
        await Console.Out.WriteLineAsync(CrashHostProgram.ClaimedLine).ConfigureAwait(false);
        await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.Delay(Timeout.Infinite, CancellationToken.None).ConfigureAwait(false);
    }

    public Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken) =>
        inner.TryUpdateAsync(current, next, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken) =>
        inner.LeaseDueAsync(request, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> CancelPendingAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CancelPendingAsync(accountId, targets, outcome, now, cancellationToken);

    public Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken) => inner.FindAsync(key, cancellationToken);

    public Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken) => inner.FindByProviderMessageIdAsync(providerMessageId, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken) =>
        inner.FindByCallAsync(accountId, callId, cancellationToken);

    public Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken) =>
        inner.RecordDeliveryAsync(report, cancellationToken);

    public Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken) => inner.ReadHistoryAsync(key, cancellationToken);
}
