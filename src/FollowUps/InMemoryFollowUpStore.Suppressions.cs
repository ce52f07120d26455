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
        return Task.FromResult(targets is IReadOnlyList<SuppressionTarget> list ? Find(list) : Find([.. targets])); // Indexed: no enumerator per call.

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
}
