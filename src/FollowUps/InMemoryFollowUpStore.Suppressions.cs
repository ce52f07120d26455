namespace FollowUps;

/// <summary>The do-not-contact list.</summary>
public sealed partial class InMemoryFollowUpStore
{
    /// <inheritdoc />
    public Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(targets);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindSuppression(accountId, targets));
    }

    /// <summary>The first entry of <paramref name="accountId"/> that matches one of <paramref name="targets"/>, in their order.</summary>
    private SuppressionEntry? FindSuppression(string accountId, IReadOnlyCollection<SuppressionTarget> targets)
    {
        return targets is IReadOnlyList<SuppressionTarget> list ? Find(list) : Find([.. targets]); // Indexed: no enumerator per call.

        SuppressionEntry? Find(IReadOnlyList<SuppressionTarget> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (_suppressions.TryGetValue((accountId, list[i]), out var entry))
                {
                    return entry;
                }
            }

            return null;
        }
    }

    /// <inheritdoc />
    public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing) // So it comes wholly before or after a ClaimAndStartAsync, which checks the list under the same lock.
        {
            _suppressions.AddOrUpdate((entry.AccountId, entry.Target), entry, (_, existing) => entry.Replaces(existing) ? entry : existing);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_suppressions.TryRemove((accountId, target), out _));
    }
}
