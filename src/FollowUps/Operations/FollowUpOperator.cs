using FollowUps.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FollowUps.Operations;

/// <summary>
/// The operator's controls (<see cref="IFollowUpOperator"/>) over the store's compare-and-set: each change reads the
/// follow-up, decides by <see cref="OperatorDecisions"/>, and writes only if nobody moved it meanwhile (a few tries, then
/// it says so). Observers hear of every follow-up an operator settles or cancels. Thread-safe.
/// </summary>
internal sealed class FollowUpOperator(
    IFollowUpStore store,
    TimeProvider time,
    IEnumerable<IFollowUpObserver> observers,
    ILogger<FollowUpOperator>? logger = null) : IFollowUpOperator
{
    private const int Tries = 3;
    private const int CancelPage = 500;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly IFollowUpObserver[] _observers = [.. observers];

    public Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return store.ListAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken = default) =>
        store.ReadHistoryAsync(key, cancellationToken);

    public Task<OperatorResult> SettleAsSentAsync(FollowUpKey key, OperatorNote note, string? providerMessageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        return SettleAsync(key, note, record => OperatorDecisions.WhyNotSettle(record, time.GetUtcNow()), record => OperatorDecisions.Sent(record, note, providerMessageId, time.GetUtcNow()), cancellationToken);
    }

    public Task<OperatorResult> SettleAsNotSentAsync(FollowUpKey key, OperatorNote note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        return SettleAsync(key, note, record => OperatorDecisions.WhyNotSettleAsNotSent(record, time.GetUtcNow()), record => OperatorDecisions.NotSent(record, note, time.GetUtcNow()), cancellationToken);
    }

    public async Task<int> CancelWaitingAsync(string accountId, string? campaignId, OperatorNote note, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(note);
        var query = new FollowUpQuery { AccountId = accountId, CampaignId = campaignId, States = [FollowUpState.Claimed, FollowUpState.Waiting, FollowUpState.Sending, FollowUpState.Unknown], Limit = CancelPage };
        var cancelled = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await store.ListAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                if (await TryCancelAsync(record, note).ConfigureAwait(false) is { } next)
                {
                    cancelled++;
                    await ChangedAsync(next, note).ConfigureAwait(false);
                }
            }

            if (page.Count < query.Limit)
            {
                return cancelled;
            }

            query = query with { After = FollowUpCursor.After(page[^1]) };
        }
    }

    /// <summary>
    /// Cancels <paramref name="listed"/> unless it went (<see cref="OperatorDecisions.CancelledUnlessItWent"/>). A lost
    /// compare-and-set reads it again: a dispatcher that leased it meanwhile changed only its owner, and it must not then
    /// go out for a paused campaign.
    /// </summary>
    private async Task<FollowUpRecord?> TryCancelAsync(FollowUpRecord listed, OperatorNote note)
    {
        var record = listed;
        for (var attempt = 0; attempt < Tries && record is not null; attempt++)
        {
            if (OperatorDecisions.CancelledUnlessItWent(record, note, time.GetUtcNow()) is not { } next)
            {
                return null;
            }

            if (await store.TryUpdateAsync(record, next, CancellationToken.None).ConfigureAwait(false))
            {
                return next;
            }

            record = await store.FindAsync(record.Key, CancellationToken.None).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<OperatorResult> SettleAsync(FollowUpKey key, OperatorNote note, Func<FollowUpRecord, string?> whyNot, Func<FollowUpRecord, FollowUpRecord> decide, CancellationToken cancellationToken)
    {
        FollowUpRecord? record = null;
        for (var attempt = 0; attempt < Tries; attempt++)
        {
            record = await store.FindAsync(key, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return new(false, null, $"No follow-up {key} was ever claimed.");
            }

            if (whyNot(record) is { } refused)
            {
                return new(false, record, refused);
            }

            var next = decide(record);
            if (await store.TryUpdateAsync(record, next, CancellationToken.None).ConfigureAwait(false))
            {
                await ChangedAsync(next, note).ConfigureAwait(false);
                return new(true, next, next.Outcome!.Detail!);
            }
        }

        return new(false, record, $"It kept changing while it was settled ({Tries} tries); read it again and decide once more.");
    }

    private async Task ChangedAsync(FollowUpRecord record, OperatorNote note)
    {
        Log.OperatorChanged(_logger, note.By, record.Key.ToString(), record.State);
        if (record.State is FollowUpState.Waiting or FollowUpState.Sending or FollowUpState.Unknown)
        {
            return; // Not settled: observers hear of it when it is (sent, cancelled, expired).
        }

        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnSettledAsync(record, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.ObserverThrew(_logger, ex, record.Key.ToString(), record.State);
            }
        }
    }
}
