using System.Collections.Concurrent;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>The host's mailboxes: set per account, changed at will; counts the reads of each account; throws for <see cref="Unreadable"/>.</summary>
internal sealed class TestMailboxes : ISmtpMailboxes
{
    private readonly ConcurrentDictionary<string, SmtpMailbox?> _mailboxes = new();
    private readonly ConcurrentDictionary<string, int> _reads = new();

    public const string Unreadable = "account-unreadable";

    public SmtpMailbox? this[string accountId]
    {
        get => _mailboxes.GetValueOrDefault(accountId);
        set => _mailboxes[accountId] = value;
    }

    public int Reads(string accountId) => _reads.GetValueOrDefault(accountId);

    public ValueTask<SmtpMailbox?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(accountId, 1, (_, n) => n + 1);
        return accountId == Unreadable
            ? throw new InvalidOperationException("the mailbox table is offline")
            : ValueTask.FromResult(_mailboxes.GetValueOrDefault(accountId));
    }
}
