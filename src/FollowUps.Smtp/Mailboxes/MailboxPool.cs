using FollowUps.Internal;
using FollowUps.Smtp.Delivery;

namespace FollowUps.Smtp.Mailboxes;

/// <summary>
/// One mailbox's share of the connections: up to <see cref="SmtpEmailOptions.MaxConnectionsPerMailbox"/> sends at once
/// (<see cref="Slots"/>), its idle connections (kept by <see cref="ConnectionPool"/>), and its own credentials cool-down,
/// so refused credentials stop this mailbox only. Retired when the account's mailbox changes or is invalidated, or when
/// the account went unused for the cache lifetime and no send uses the pool (see <see cref="MailboxDirectory"/>): its
/// idle connections close at once, the busy ones when their send ends. Thread-safe.
/// </summary>
internal sealed class MailboxPool
{
    public MailboxPool(string accountId, bool shared, SmtpMailbox mailbox, SmtpEmailOptions options, ISmtpCredentials credentials, TimeProvider time)
    {
        AccountId = accountId;
        Shared = shared;
        Mailbox = mailbox;
        Options = options;
        Credentials = credentials;
        Slots = new SemaphoreSlim(options.MaxConnectionsPerMailbox, options.MaxConnectionsPerMailbox);
        Messages = new MimeMessageFactory(mailbox.FromAddress, time);
        CoolDown = new CredentialsCoolDown(
            shared ? "the server" : $"the SMTP server of account '{accountId}'",
            Setting(nameof(SmtpEmailOptions.AuthenticationRetryDelay), global: true),
            time);
    }

    /// <summary>The account whose mailbox this is (for the single mailbox of <see cref="SmtpEmailOptions"/>, the first account that used it).</summary>
    public string AccountId { get; }

    /// <summary>Whether this is the one mailbox of <see cref="SmtpEmailOptions"/>, shared by every account.</summary>
    public bool Shared { get; }

    public SmtpMailbox Mailbox { get; }

    public SmtpEmailOptions Options { get; }

    public ISmtpCredentials Credentials { get; }

    /// <summary>One per send under way: at most <see cref="SmtpEmailOptions.MaxConnectionsPerMailbox"/>.</summary>
    public SemaphoreSlim Slots { get; }

    public MimeMessageFactory Messages { get; }

    public CredentialsCoolDown CoolDown { get; }

    /// <summary>How many sends use this pool, from their look-up to their end (under <see cref="MailboxDirectory"/>'s lock).</summary>
    public int Users { get; set; }

    /// <summary>Set (under the connection pool's lock) when this mailbox is no longer the account's: no connection of it goes back to idle.</summary>
    public bool Retired { get; set; }

    /// <summary>
    /// How a message names the setting to fix: <c>FollowUps:Smtp:Host</c> for the single mailbox and for settings every
    /// mailbox shares (<paramref name="global"/>); for an account's mailbox, the port and the account.
    /// </summary>
    public string Setting(string name, bool global = false) => Shared || global
        ? $"FollowUps:Smtp:{name}"
        : name switch
        {
            nameof(SmtpEmailOptions.Password) => $"the password ISmtpCredentials gives for account '{AccountId}'",
            nameof(SmtpEmailOptions.AccessTokenProvider) => $"the access token ISmtpCredentials gives for account '{AccountId}'",
            _ => $"SmtpMailbox.{name} of account '{AccountId}'",
        };
}
