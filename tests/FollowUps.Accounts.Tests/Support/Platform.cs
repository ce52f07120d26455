using System.Collections.Concurrent;
using FollowUps.Smtp;
using FollowUps.Twilio;

namespace FollowUps.Accounts.Tests.Support;

/// <summary>
/// What a calling platform keeps about its customer accounts, as the host's database and vault would: each account's
/// settings, mailbox, SMTP secret, Twilio settings and Twilio credentials. Tests change it as a customer would; the
/// ports below read it the way a host's implementations do. Thread-safe.
/// </summary>
internal sealed class Platform
{
    public ConcurrentDictionary<string, FollowUpOptions> Settings { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, SmtpMailbox> Mailboxes { get; } = new(StringComparer.Ordinal);

    /// <summary>The password or OAuth2 access token each account's mailbox logs in with.</summary>
    public ConcurrentDictionary<string, string> SmtpSecrets { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, TwilioAccount> Twilio { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, TwilioCredentials> TwilioSecrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Accounts whose settings cannot be read now: the settings port throws for them.</summary>
    public ConcurrentDictionary<string, bool> Unreadable { get; } = new(StringComparer.Ordinal);

    private int _settingsReads;

    /// <summary>How many times the settings port was asked.</summary>
    public int SettingsReads => Volatile.Read(ref _settingsReads);

    public void CountSettingsRead() => Interlocked.Increment(ref _settingsReads);
}

/// <summary>The host's <see cref="IFollowUpAccounts"/>: a new object from the platform's settings on every read.</summary>
internal sealed class PlatformAccounts(Platform platform) : IFollowUpAccounts
{
    public ValueTask<FollowUpAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        platform.CountSettingsRead();
        if (platform.Unreadable.ContainsKey(accountId))
        {
            throw new InvalidOperationException($"The accounts database is offline (asked for {accountId}).");
        }

        return ValueTask.FromResult(platform.Settings.TryGetValue(accountId, out var settings)
            ? new FollowUpAccount { Id = accountId, Settings = settings }
            : null);
    }
}

/// <summary>The host's <see cref="ISmtpMailboxes"/>: no secret in here.</summary>
internal sealed class PlatformMailboxes(Platform platform) : ISmtpMailboxes
{
    public ValueTask<SmtpMailbox?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(platform.Mailboxes.GetValueOrDefault(accountId));
}

/// <summary>The host's <see cref="ISmtpCredentials"/>: the account's secret from the vault, asked when a connection logs in.</summary>
internal sealed class PlatformSmtpCredentials(Platform platform) : ISmtpCredentials
{
    public ValueTask<string> GetAsync(SmtpCredentialsRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(platform.SmtpSecrets[request.AccountId]);
}

/// <summary>The host's <see cref="ITwilioAccounts"/>: no secret in here.</summary>
internal sealed class PlatformTwilioAccounts(Platform platform) : ITwilioAccounts
{
    public ValueTask<TwilioAccount?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(platform.Twilio.GetValueOrDefault(accountId));
}

/// <summary>The host's <see cref="ITwilioCredentials"/>: asked for every request and webhook.</summary>
internal sealed class PlatformTwilioCredentials(Platform platform) : ITwilioCredentials
{
    public ValueTask<TwilioCredentials?> GetAsync(string accountId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(platform.TwilioSecrets.GetValueOrDefault(accountId));
}
