namespace FollowUps;

/// <summary>The accounts this process has read (<see cref="IFollowUpAccounts"/>), kept as <see cref="FollowUpAccountsOptions"/> says. Thread-safe.</summary>
public interface IFollowUpAccountCache
{
    /// <summary>
    /// Forgets what this process read about <paramref name="accountId"/>, so its next call reads it again: call it when an
    /// account's settings change. Other processes read it again within <see cref="FollowUpAccountsOptions.CacheLifetime"/>.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>When it is forgotten.</returns>
    ValueTask InvalidateAccountAsync(string accountId, CancellationToken cancellationToken = default);
}
