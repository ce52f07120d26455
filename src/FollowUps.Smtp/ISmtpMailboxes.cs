namespace FollowUps.Smtp;

/// <summary>
/// Which mailbox each account sends its email from: the port a host implements when one process serves many accounts,
/// each connecting its own Gmail, Outlook or SMTP mailbox. The default, registered by <c>AddSmtpEmail(o =&gt; …)</c>, gives
/// every account the one mailbox of <see cref="SmtpEmailOptions"/>; replace it with <c>AddSmtpEmail&lt;TMailboxes, TCredentials&gt;</c>.
/// </summary>
/// <remarks>
/// <para>Read when an account sends and kept in the process for <see cref="FollowUpAccountsOptions.CacheLifetime"/>, or
/// until <see cref="IFollowUpAccountCache.InvalidateAccountAsync"/> names the account; a mailbox that reads differently
/// then closes the account's open connections (sends under way finish first). An account that sends nothing for the cache
/// lifetime is forgotten and its idle connections closed, so accounts that come and go do not pile up. A read that the
/// account's invalidation overtook is used for its own send only, never kept.</para>
/// <para>No mailbox (<see langword="null"/>), invalid settings or an exception here send nothing and throw
/// <see cref="SendNotStartedException"/> naming the account and the setting: the outbox keeps the follow-up and tries it
/// again later, so it goes once the host has fixed the mailbox.</para>
/// <para>Implementations must be thread-safe. Return no secret here: see <see cref="ISmtpCredentials"/>.</para>
/// </remarks>
public interface ISmtpMailboxes
{
    /// <summary>Reads the mailbox an account sends from.</summary>
    /// <param name="accountId">The account, as <see cref="FollowUpKey.AccountId"/> names it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The mailbox, or <see langword="null"/> when the account has none.</returns>
    ValueTask<SmtpMailbox?> FindAsync(string accountId, CancellationToken cancellationToken);
}
