namespace FollowUps;

/// <summary>
/// Hears that an account changed on this host (<see cref="IFollowUpAccountCache.InvalidateAccountAsync"/>): the port an
/// adapter implements when it keeps something per account, such as pooled connections or mailbox settings, so that it
/// forgets them at once. Register each with <c>TryAddEnumerable</c>; they are told in turn, and one that throws is logged
/// and does not keep the others from hearing. Implementations must be thread-safe.
/// </summary>
public interface IFollowUpAccountListener
{
    /// <summary>Forgets what is kept about <paramref name="accountId"/>; its next send reads the account again.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>When it is forgotten.</returns>
    ValueTask OnAccountInvalidatedAsync(string accountId, CancellationToken cancellationToken);
}
