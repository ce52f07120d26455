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
}
