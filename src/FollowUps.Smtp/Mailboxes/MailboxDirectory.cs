using System.Collections.Concurrent;
using FollowUps.Smtp.Internal;
using Microsoft.Extensions.Logging;

namespace FollowUps.Smtp.Mailboxes;

/// <summary>
/// Each account's mailbox, read from <see cref="ISmtpMailboxes"/> and kept for <see cref="FollowUpAccountsOptions.CacheLifetime"/>
/// on the injected clock, with the <see cref="MailboxPool"/> it sends through. A mailbox that reads differently, or an
/// account invalidated on this host, retires the account's pool (its connections close). The single mailbox of
/// <see cref="SmtpEmailOptions"/> is one pool shared by every account. Thread-safe.
/// </summary>
internal sealed class MailboxDirectory(
    ISmtpMailboxes mailboxes,
    ISmtpCredentials credentials,
    SmtpEmailOptions options,
    FollowUpAccountsOptions accounts,
    ConnectionPool connections,
    TimeProvider time,
    ILogger logger)
{
    private readonly bool _shared = mailboxes is OptionsMailboxes;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string? AccountId, SmtpMailbox Mailbox), MailboxPool> _pools = new();
    private long _invalidations;

    /// <summary>Every pool in use, to close them when the sender is disposed.</summary>
    public ICollection<MailboxPool> Pools => _pools.Values;

    /// <summary>The pool <paramref name="accountId"/> sends through.</summary>
    /// <exception cref="SendNotStartedException">The account has no mailbox, an invalid one, or the port threw: nothing was sent.</exception>
    public async ValueTask<MailboxPool> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(accountId, out var cached) && cached.FreshUntil > now)
        {
            return cached.Pool ?? throw new SendNotStartedException(cached.Problem!);
        }

        var invalidations = Interlocked.Read(ref _invalidations);
        SmtpMailbox? mailbox;
        try
        {
            mailbox = await mailboxes.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Log.MailboxUnreadable(logger, ex, accountId);
            throw new SendNotStartedException($"The SMTP mailbox of account '{accountId}' could not be read (ISmtpMailboxes threw {ex.GetType().Name}: {ex.Message}), so nothing was sent; it is tried again later.", ex);
        }

        var problem = MailboxRules.Problem(accountId, mailbox);
        var entry = problem is null ? new Entry(PoolFor(accountId, mailbox!), null, now + accounts.CacheLifetime) : new Entry(null, problem, now + accounts.CacheLifetime);
        if (Interlocked.Read(ref _invalidations) == invalidations)
        {
            var before = _entries.TryGetValue(accountId, out var old) ? old : null;
            _entries[accountId] = entry;
            if (before?.Pool is { } previous && previous != entry.Pool && !previous.Shared)
            {
                Log.MailboxChanged(logger, accountId, previous.Mailbox.Host, entry.Pool?.Mailbox.Host);
                await RetireAsync(previous).ConfigureAwait(false);
            }
        }

        if (entry.Pool is null)
        {
            Log.MailboxInvalid(logger, accountId, problem!);
            throw new SendNotStartedException(problem!);
        }

        return entry.Pool;
    }

    /// <summary>Forgets <paramref name="accountId"/>'s mailbox and closes its connections (busy ones when their send ends).</summary>
    public async ValueTask InvalidateAsync(string accountId)
    {
        Interlocked.Increment(ref _invalidations);
        if (_entries.TryRemove(accountId, out var entry) && entry.Pool is { Shared: false } pool)
        {
            Log.MailboxInvalidated(logger, accountId, pool.Mailbox.Host);
            await RetireAsync(pool).ConfigureAwait(false);
        }
    }

    private MailboxPool PoolFor(string accountId, SmtpMailbox mailbox)
        => _pools.GetOrAdd((_shared ? null : accountId, mailbox), key => new MailboxPool(accountId, _shared, key.Mailbox, options, credentials, time));

    private Task RetireAsync(MailboxPool pool)
    {
        _pools.TryRemove(KeyValuePair.Create((pool.Shared ? null : pool.AccountId, pool.Mailbox), pool));
        return connections.RetireAsync(pool);
    }

    /// <summary>A mailbox read: its pool, or why there is none; answered until <paramref name="FreshUntil"/>.</summary>
    private sealed record Entry(MailboxPool? Pool, string? Problem, DateTimeOffset FreshUntil);
}
