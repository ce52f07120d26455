namespace FollowUps;

/// <summary>
/// Where the do-not-contact list lives. The port a store implements (<see cref="InMemoryFollowUpStore"/> and the durable
/// stores do, beside the outbox); a host that keeps its list elsewhere can implement just this. The engine and
/// <see cref="ISuppressionList"/> normalise values before they reach it.
/// </summary>
/// <remarks>Implementations must be thread-safe; <see cref="AddSuppressionAsync"/> atomic.</remarks>
public interface ISuppressionStore
{
    /// <summary>Finds a do-not-contact entry of <paramref name="accountId"/> that matches any of <paramref name="targets"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="targets">The contact's identifiers, already normalised.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A matching entry, or <see langword="null"/>.</returns>
    Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a do-not-contact entry. When the target already has one, the first stays, unless the new entry
    /// <see cref="SuppressionEntry.Replaces"/> it (the host's own entry replaces an opt-out's). Atomic.
    /// </summary>
    /// <param name="entry">The entry, its target already normalised.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a do-not-contact entry.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="target">The identifier, already normalised.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether an entry was removed.</returns>
    Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken);
}
