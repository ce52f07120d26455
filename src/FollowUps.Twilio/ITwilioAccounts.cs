namespace FollowUps.Twilio;

/// <summary>
/// Where each FollowUps account's Twilio settings come from: the port a host implements when one process sends SMS for
/// many accounts, each with its own Twilio account (or subaccount), number or Messaging Service, region and edge.
/// Register it with <c>AddTwilioSms&lt;TAccounts, TCredentials&gt;</c>; the default gives every account the one <see cref="TwilioSmsOptions"/>.
/// </summary>
/// <remarks>
/// What it returns is validated when read (an invalid or unknown account makes the send throw
/// <see cref="SendNotStartedException"/> naming the account and the setting, so nothing is sent and the outbox tries it
/// again later) and kept in the process for <see cref="FollowUpAccountsOptions.CacheLifetime"/>, or until
/// <see cref="IFollowUpAccountCache.InvalidateAccountAsync"/> on this host. Return no secret here: they come from
/// <see cref="ITwilioCredentials"/>, asked for each request. Implementations must be thread-safe.
/// </remarks>
public interface ITwilioAccounts
{
    /// <summary>Reads an account's Twilio settings.</summary>
    /// <param name="accountId">The FollowUps account, as <see cref="FollowUpKey.AccountId"/> names it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The settings, or <see langword="null"/> when the account sends no SMS through Twilio.</returns>
    ValueTask<TwilioAccount?> FindAsync(string accountId, CancellationToken cancellationToken);
}
