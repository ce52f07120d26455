using System.Collections.Concurrent;
using FollowUps.Internal;
using Microsoft.Extensions.Logging;

namespace FollowUps;

/// <summary>
/// A thread-safe <see cref="IFollowUpStore"/> in process memory: the development default. It forgets what was sent
/// when the process ends and is not shared between processes, so it logs a warning when created (where logging is
/// registered); register a durable store for production.
/// </summary>
public sealed class InMemoryFollowUpStore : IFollowUpStore
{
    private readonly ConcurrentDictionary<FollowUpKey, FollowUpRecord> _records = new();
    private readonly ConcurrentDictionary<string, FollowUpKey> _byProviderMessageId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string AccountId, SuppressionTarget Target), SuppressionEntry> _suppressions = new();

    /// <summary>Creates an empty store.</summary>
    /// <param name="logger">Receives the warning that this store is for development; optional.</param>
    public InMemoryFollowUpStore(ILogger<InMemoryFollowUpStore>? logger = null)
    {
        if (logger is not null)
        {
            Log.InMemoryStoreInUse(logger);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryClaimAsync(FollowUpKey key, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var claimed = _records.TryAdd(key, new FollowUpRecord { Key = key, State = FollowUpState.Claimed, ClaimedAt = claimedAt });
        return Task.FromResult(claimed);
    }

    /// <inheritdoc />
    public Task CompleteAsync(FollowUpKey key, FollowUpOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        cancellationToken.ThrowIfCancellationRequested();
        var state = outcome.Status switch
        {
            OutcomeStatus.Sent => FollowUpState.Sent,
            OutcomeStatus.Failed => FollowUpState.Failed,
            OutcomeStatus.Unknown => FollowUpState.Unknown,
            _ => throw new ArgumentException("Only a sent, failed or unknown outcome completes a claimed follow-up.", nameof(outcome)),
        };

        while (true)
        {
            if (!_records.TryGetValue(key, out var current))
            {
                throw new InvalidOperationException($"Follow-up {key} was never claimed.");
            }

            var completed = current with { State = state, Outcome = outcome, CompletedAt = completedAt };
            if (_records.TryUpdate(key, completed, current))
            {
                if (outcome.ProviderMessageId is { } providerMessageId)
                {
                    _byProviderMessageId[providerMessageId] = key;
                }

                return Task.CompletedTask;
            }
        }
    }

    /// <inheritdoc />
    public Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryFindReported(report, out var key))
        {
            return Task.FromResult(DeliveryUpdate.UnknownMessage);
        }

        while (true)
        {
            var current = _records[key];
            if (!report.Advances(current.Delivery?.Status))
            {
                return Task.FromResult(DeliveryUpdate.Stale);
            }

            if (_records.TryUpdate(key, current with { Delivery = report }, current))
            {
                return Task.FromResult(DeliveryUpdate.Applied);
            }
        }
    }

    /// <inheritdoc/>
    public Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_records.GetValueOrDefault(key));
    }

    /// <inheritdoc />
    public Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(targets);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var target in targets)
        {
            if (_suppressions.TryGetValue((accountId, target), out var entry))
            {
                return Task.FromResult<SuppressionEntry?>(entry);
            }
        }

        return Task.FromResult<SuppressionEntry?>(null);
    }

    /// <inheritdoc />
    public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        _suppressions.AddOrUpdate((entry.AccountId, entry.Target), entry, (_, existing) => entry.Replaces(existing) ? entry : existing);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_suppressions.TryRemove((accountId, target), out _));
    }

    /// <summary>The follow-up a report is about: by its key when it has one that was claimed, else by its provider message id.</summary>
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
