using FollowUps.Outbox;

namespace FollowUps;

/// <summary>Delivery reports, listing and each follow-up's history.</summary>
public sealed partial class InMemoryFollowUpStore
{
    /// <inheritdoc />
    public Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            if (!TryFindReported(report, out var key))
            {
                return Task.FromResult(DeliveryUpdate.UnknownMessage);
            }

            ref var kept = ref Entry(key);
            var current = kept.Record;
            var entry = new FollowUpHistoryEntry { At = report.ReceivedAt, State = current.State, Attempt = report.Attempt ?? current.Attempts, Delivery = report };
            if (!report.IsAboutLastAttemptOf(current))
            {
                kept.Append(entry);
                return Task.FromResult(DeliveryUpdate.OtherAttempt);
            }

            if (!report.Advances(current.Delivery?.Status))
            {
                return Task.FromResult(DeliveryUpdate.Stale);
            }

            kept.Record = OutboxRules.Reported(current, report, _time.GetUtcNow());
            kept.Append(entry);
            return Task.FromResult(DeliveryUpdate.Applied);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            IReadOnlyList<FollowUpRecord> page =
            [
                .. Records()
                    .Where(record => query.Matches(record) && (query.After is not { } after || OutboxRules.ListOrder(after, FollowUpCursor.After(record)) < 0))
                    .Order(Comparer<FollowUpRecord>.Create(OutboxRules.ListOrder))
                    .Take(query.Limit),
            ];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            return Task.FromResult<IReadOnlyList<FollowUpHistoryEntry>>(_records.TryGetValue(key, out var kept) ? kept.History() : []);
        }
    }

    /// <summary>Every follow-up's record as it is now. Call under <c>_leasing</c>.</summary>
    private IEnumerable<FollowUpRecord> Records() => _records.Values.Select(kept => kept.Record);

    /// <summary>The follow-up a report is about: by its key when it has one that was claimed, else by its provider message id. Call under <c>_leasing</c>.</summary>
    private bool TryFindReported(DeliveryReport report, out FollowUpKey key)
    {
        if (report.Key is { } claimed && _records.ContainsKey(claimed))
        {
            key = claimed;
            return true;
        }

        return _byProviderMessageId.TryGetValue(report.ProviderMessageId, out key);
    }
}
