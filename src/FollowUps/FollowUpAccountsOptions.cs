namespace FollowUps;

/// <summary>How long the engine keeps accounts it read (<see cref="IFollowUpAccounts"/>) in the process. Validated at start-up.</summary>
public sealed class FollowUpAccountsOptions
{
    /// <summary>
    /// How long an account read stays in use before it is read again: a change in the host's source reaches every host
    /// within this time, or at once on a host told by <see cref="IFollowUpAccountCache.InvalidateAccountAsync"/>. Unknown
    /// and invalid accounts are remembered as long. Default 1 minute; from 1 second to 1 day.
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after it was read an account's settings may still stand in when the source cannot be read (it throws):
    /// calls go on with the last good settings rather than failing as <see cref="OutcomeReason.AccountUnavailable"/>.
    /// Default 10 minutes; zero turns it off; at least <see cref="CacheLifetime"/> otherwise, at most 1 day.
    /// </summary>
    public TimeSpan StaleLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
