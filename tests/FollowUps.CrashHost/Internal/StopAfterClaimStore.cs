namespace FollowUps.CrashHost.Internal;

/// <summary>
/// The outbox, stopped right after a claim it won committed: prints <see cref="CrashHostProgram.ClaimedLine"/>, flushes,
/// and never returns, so the test kills the process between the claim and the send.
/// </summary>
internal sealed class StopAfterClaimStore(IFollowUpStore inner) : IFollowUpStore
{
    public async Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        var claim = await inner.ClaimAsync(record, cancellationToken).ConfigureAwait(false);
        if (claim.Won)
        {
            await Console.Out.WriteLineAsync(CrashHostProgram.ClaimedLine).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, CancellationToken.None).ConfigureAwait(false);
        }

        return claim;
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
