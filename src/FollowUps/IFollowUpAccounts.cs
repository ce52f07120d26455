namespace FollowUps;

/// <summary>
/// Where each account's settings come from: the port a host implements when one process serves many accounts (its
/// customers), each with its own brand, sender name, meeting link, region, postal address and unsubscribe page. The
/// default, registered by <c>AddFollowUps</c>, gives every account the one <see cref="FollowUpOptions"/>; replace it with
/// <c>UseAccounts</c>.
/// </summary>
/// <remarks>
/// The engine reads an account through a cache in the process (<see cref="FollowUpAccountsOptions"/>), validates what it
/// reads, and turns every answer into an outcome: an unknown account or invalid settings skip the call's follow-ups with
/// their reason, and a source that throws makes them fail as <see cref="OutcomeReason.AccountUnavailable"/> (unless
/// settings read shortly before may stand in). Implementations must be thread-safe. Return no credentials here: they
/// are asked for by the adapters when a connection authenticates, and never cached or stored.
/// </remarks>
public interface IFollowUpAccounts
{
    /// <summary>Reads an account's settings.</summary>
    /// <param name="accountId">The account, as <see cref="CallCompleted.AccountId"/> names it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The account, or <see langword="null"/> when the source has no such account.</returns>
    /// <exception cref="Exception">Any exception means the source could not be read now; the engine reports it, never rethrows it.</exception>
    ValueTask<FollowUpAccount?> FindAsync(string accountId, CancellationToken cancellationToken);
}
