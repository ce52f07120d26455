using System.Diagnostics;

namespace FollowUps.Samples.Load;

/// <summary>
/// A store that times the store it wraps (outbox, do-not-contact list and claim starter) into <see cref="LoadTimings"/>: one
/// <see cref="Stopwatch.GetTimestamp"/> before a call and one when its task completes, and no async state machine when
/// the task completed at once (the in-memory store's, and SQLite's, whose async methods run synchronously).
/// </summary>
internal sealed class TimedStore<TStore>(TStore inner, LoadTimings timings) : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter
    where TStore : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter
{
    public Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreClaim, Stopwatch.GetTimestamp(), inner.ClaimAsync(record, cancellationToken));

    public ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreClaimAndStart, Stopwatch.GetTimestamp(), inner.ClaimAndStartAsync(claim, sending, cancellationToken));

    public Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreUpdate, Stopwatch.GetTimestamp(), inner.TryUpdateAsync(current, next, cancellationToken));

    public Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreSuppressionLookup, Stopwatch.GetTimestamp(), inner.FindSuppressionAsync(accountId, targets, cancellationToken));

    public Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.LeaseDueAsync(request, cancellationToken));

    public Task<IReadOnlyList<FollowUpRecord>> CancelPendingAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.CancelPendingAsync(accountId, targets, outcome, now, cancellationToken));

    public Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.FindAsync(key, cancellationToken));

    public Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.FindByProviderMessageIdAsync(providerMessageId, cancellationToken));

    public Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.FindByCallAsync(accountId, callId, cancellationToken));

    public Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.RecordDeliveryAsync(report, cancellationToken));

    public Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.ListAsync(query, cancellationToken));

    public Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.ReadHistoryAsync(key, cancellationToken));

    public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.AddSuppressionAsync(entry, cancellationToken));

    public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken) =>
        Timed(LoadStage.StoreOther, Stopwatch.GetTimestamp(), inner.RemoveSuppressionAsync(accountId, target, cancellationToken));

    private Task<T> Timed<T>(LoadStage stage, long started, Task<T> task)
    {
        if (task.IsCompleted)
        {
            timings.Add(stage, started);
            return task;
        }

        return Awaited(stage, started, task);
    }

    private ValueTask<T> Timed<T>(LoadStage stage, long started, ValueTask<T> task)
    {
        if (task.IsCompleted)
        {
            timings.Add(stage, started);
            return task;
        }

        return new(Awaited(stage, started, task.AsTask()));
    }

    private Task Timed(LoadStage stage, long started, Task task)
    {
        if (task.IsCompleted)
        {
            timings.Add(stage, started);
            return task;
        }

        return Awaited(stage, started, task);
    }

    private async Task<T> Awaited<T>(LoadStage stage, long started, Task<T> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            timings.Add(stage, started);
        }
    }

    private async Task Awaited(LoadStage stage, long started, Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        finally
        {
            timings.Add(stage, started);
        }
    }
}
