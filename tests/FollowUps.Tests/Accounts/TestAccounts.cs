namespace FollowUps.Tests.Accounts;

/// <summary>An accounts source of the tests' own: a table the test changes, and a switch that makes it throw, as a host's database that went away.</summary>
internal sealed class TestAccounts : IFollowUpAccounts
{
    private readonly Dictionary<string, FollowUpOptions> _accounts = [];
    private readonly Dictionary<string, (string? Sms, string? Email)> _senders = [];
    private int _reads;

    public volatile bool Broken;

    /// <summary>How many times the engine read the source.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public TestAccounts With(string accountId, string brand, string region = "US", string? postalAddress = null)
    {
        lock (_accounts)
        {
            _accounts[accountId] = new FollowUpOptions { BrandName = brand, DefaultSenderName = "Dana", DefaultMeetingLink = $"https://cal.example.com/{accountId}", DefaultRegion = region, PostalAddress = postalAddress };
        }

        return this;
    }

    /// <summary>Has <paramref name="accountId"/> name keyed senders (<see cref="FollowUpAccount.SmsSender"/>, <see cref="FollowUpAccount.EmailSender"/>).</summary>
    public TestAccounts WithSenders(string accountId, string? sms = null, string? email = null)
    {
        lock (_accounts)
        {
            _senders[accountId] = (sms, email);
        }

        return this;
    }

    public ValueTask<FollowUpAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (Broken)
        {
            throw new InvalidOperationException("The accounts database is unreachable.");
        }

        lock (_accounts)
        {
            var senders = _senders.GetValueOrDefault(accountId);
            return ValueTask.FromResult(_accounts.TryGetValue(accountId, out var settings)
                ? new FollowUpAccount { Id = accountId, Settings = settings, SmsSender = senders.Sms, EmailSender = senders.Email }
                : null);
        }
    }
}
