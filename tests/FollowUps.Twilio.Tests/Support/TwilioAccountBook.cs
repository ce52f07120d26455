using System.Collections.Concurrent;

namespace FollowUps.Twilio.Tests.Support;

/// <summary>
/// The host's source of each account's Twilio settings and secrets, as a platform keeps them: changed by tests, read by
/// <see cref="BookTwilioAccounts"/> and <see cref="BookTwilioCredentials"/> (the ports), which count their reads.
/// </summary>
public sealed class TwilioAccountBook
{
    public ConcurrentDictionary<string, TwilioAccount> Accounts { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, TwilioCredentials> Credentials { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, the settings port throws it.</summary>
    public Exception? AccountsFail { get; set; }

    /// <summary>When set, the credentials port throws it.</summary>
    public Exception? CredentialsFail { get; set; }

    private int _accountReads;

    public int AccountReads => Volatile.Read(ref _accountReads);

    public void CountAccountRead() => Interlocked.Increment(ref _accountReads);
}

internal sealed class BookTwilioAccounts(TwilioAccountBook book) : ITwilioAccounts
{
    public ValueTask<TwilioAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        book.CountAccountRead();
        return book.AccountsFail is { } failure ? throw failure : ValueTask.FromResult(book.Accounts.GetValueOrDefault(accountId));
    }
}

internal sealed class BookTwilioCredentials(TwilioAccountBook book) : ITwilioCredentials
{
    public ValueTask<TwilioCredentials?> GetAsync(string accountId, CancellationToken cancellationToken) =>
        book.CredentialsFail is { } failure ? throw failure : ValueTask.FromResult(book.Credentials.GetValueOrDefault(accountId));
}
