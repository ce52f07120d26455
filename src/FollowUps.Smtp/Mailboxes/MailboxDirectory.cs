using FollowUps.Smtp.Internal;
using Microsoft.Extensions.Logging;

namespace FollowUps.Smtp.Mailboxes;

/// <summary>
/// Each account's mailbox, read from <see cref="ISmtpMailboxes"/> and used for <see cref="FollowUpAccountsOptions.CacheLifetime"/>
/// on the injected clock, with the <see cref="MailboxPool"/> it sends through. A mailbox that reads differently, or an
/// account invalidated on this host, retires the account's pool (its connections close). An account unused for the cache
/// lifetime is forgotten, and its pool retired, by a look-up (they are looked for at most once per lifetime, so within
/// two lifetimes), unless a send or a read of it is under way then or its refused credentials cool down, so what is kept
/// is bounded by the accounts that send. A read the account's invalidation overtook is not kept:
/// its send gets a pool of its own, retired when that send ends. The single mailbox of <see cref="SmtpEmailOptions"/> is
/// one pool shared by every account, never retired but by disposal. Thread-safe: one lock, never held across an await.
/// </summary>
/// <remarks>
/// Not a <c>MemoryCache</c>: its expiry runs on the thread pool some time after an entry expires, while a pool may be
/// retired only in the same step that finds no send using it; one lock makes that, and "was the account invalidated while
/// it was read?" with the write that follows, a single step.
/// </remarks>
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
    private readonly Lock _lock = new();

    /// <summary>The accounts used within about the cache lifetime, and those with a read under way (under <see cref="_lock"/>).</summary>
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The one pool of the single mailbox of <see cref="SmtpEmailOptions"/>, once used (under <see cref="_lock"/>).</summary>
    private MailboxPool? _sharedPool;

    /// <summary>When the accounts unused for the cache lifetime are next looked for (under <see cref="_lock"/>).</summary>
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Every pool an account sends through, to close them when the sender is disposed.</summary>
    public IReadOnlyList<MailboxPool> Pools
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Values.Select(entry => entry.Pool).Append(_sharedPool).OfType<MailboxPool>().Distinct()];
            }
        }
    }

    /// <summary>How many accounts are kept.</summary>
    public int Accounts
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The pool <paramref name="accountId"/> sends through, counted as in use until <see cref="Release"/>.</summary>
    /// <exception cref="SendNotStartedException">The account has no mailbox, an invalid one, or the port threw: nothing was sent.</exception>
    public async ValueTask<MailboxPool> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Entry entry;
        long version;
        List<MailboxPool>? unused;
        MailboxPool? cached = null;
        string? known = null;
        lock (_lock)
        {
            unused = SweepIfDue(now);
            if (!_entries.TryGetValue(accountId, out entry!))
            {
                entry = new Entry();
                _entries.Add(accountId, entry);
            }

            entry.LastUsed = now;
            version = entry.Version;
            if (entry.FreshUntil > now && entry.Pool is not null)
            {
                cached = entry.Pool;
                cached.Users++;
            }
            else if (entry.FreshUntil > now)
            {
                known = entry.Problem;
            }
            else
            {
                entry.Reads++;
            }
        }

        if (unused is not null)
        {
            Log.MailboxesForgotten(logger, unused.Count, accounts.CacheLifetime);
            foreach (var forgotten in unused)
            {
                connections.Retire(forgotten);
            }
        }

        if (cached is not null)
        {
            return cached;
        }

        if (known is not null)
        {
            throw new SendNotStartedException(known);
        }

        SmtpMailbox? mailbox;
        try
        {
            mailbox = await mailboxes.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            lock (_lock)
            {
                entry.Reads--;
            }

            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            Log.MailboxUnreadable(logger, ex, accountId);
            throw new SendNotStartedException($"The SMTP mailbox of account '{accountId}' could not be read (ISmtpMailboxes threw {ex.GetType().Name}: {ex.Message}), so nothing was sent; it is tried again later.", ex);
        }

        var problem = MailboxRules.Problem(accountId, mailbox);
        var (pool, replaced) = Keep(accountId, entry, version, mailbox, problem, now);
        if (replaced is not null)
        {
            Log.MailboxChanged(logger, accountId, replaced.Mailbox.Host, pool?.Mailbox.Host);
            connections.Retire(replaced);
        }

        if (pool is null)
        {
            Log.MailboxInvalid(logger, accountId, problem!);
            throw new SendNotStartedException(problem!);
        }

        return pool;
    }

    /// <summary>
    /// Ends a use of <paramref name="pool"/> that <see cref="GetAsync"/> began. A pool that is no longer its account's
    /// (changed, invalidated, or from a read an invalidation overtook) is retired when its last send ends.
    /// </summary>
    public void Release(MailboxPool pool)
    {
        lock (_lock)
        {
            pool.Users--;
            if (pool.Shared || pool.Users > 0)
            {
                return;
            }

            if (_entries.TryGetValue(pool.AccountId, out var entry) && entry.Pool == pool)
            {
                entry.LastUsed = time.GetUtcNow(); // The cache lifetime of disuse counts from the end of its last send.
                return;
            }
        }

        connections.Retire(pool);
    }

    /// <summary>Forgets <paramref name="accountId"/>'s mailbox, and any read of it under way, and closes its connections (busy ones when their send ends).</summary>
    public async ValueTask InvalidateAsync(string accountId)
    {
        MailboxPool? pool;
        lock (_lock)
        {
            if (!_entries.TryGetValue(accountId, out var entry))
            {
                return; // Nothing kept and no read under way.
            }

            entry.Version++;
            pool = entry.Pool;
            (entry.Pool, entry.Problem, entry.FreshUntil) = (null, null, DateTimeOffset.MinValue);
        }

        if (pool is { Shared: false })
        {
            Log.MailboxInvalidated(logger, accountId, pool.Mailbox.Host);
            await connections.RetireAsync(pool).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What a read gives: the pool its send uses (counted in use), kept as the account's unless the account was invalidated
    /// while it was read; and the account's previous pool when the read replaced it.
    /// </summary>
    private (MailboxPool? Pool, MailboxPool? Replaced) Keep(string accountId, Entry entry, long version, SmtpMailbox? mailbox, string? problem, DateTimeOffset now)
    {
        lock (_lock)
        {
            entry.Reads--;
            var kept = entry.Version == version;
            MailboxPool? pool = null;
            if (problem is null)
            {
                pool = _shared ? (_sharedPool ??= NewPool(accountId, mailbox!))
                    : kept && entry.Pool?.Mailbox == mailbox ? entry.Pool!
                    : NewPool(accountId, mailbox!); // Not kept: its send's own, retired when that send ends.
                pool.Users++;
            }

            if (!kept)
            {
                return (pool, null);
            }

            var previous = entry.Pool;
            (entry.Pool, entry.Problem, entry.FreshUntil) = (pool, problem, now + accounts.CacheLifetime);
            return (pool, previous is { Shared: false } && previous != pool ? previous : null);
        }
    }

    /// <summary>
    /// Forgets the accounts unused for the cache lifetime, at most once per lifetime (under <see cref="_lock"/>); returns
    /// their pools to retire. An account with a send or a read under way, or whose credentials cool down, is kept.
    /// </summary>
    private List<MailboxPool>? SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return null;
        }

        _nextSweep = now + accounts.CacheLifetime;
        List<MailboxPool>? unused = null;
        foreach (var (accountId, entry) in _entries)
        {
            if (entry.LastUsed + accounts.CacheLifetime <= now && entry.Reads == 0 && !InUse(entry.Pool))
            {
                _entries.Remove(accountId);
                if (entry.Pool is { Shared: false } pool)
                {
                    (unused ??= []).Add(pool);
                }
            }
        }

        return unused;
    }

    /// <summary>
    /// Whether <paramref name="pool"/> must be kept although its account went unused: a send uses it, or its refused
    /// credentials cool down (forgetting that would try them again early, towards the provider's lock-out). The shared
    /// pool's sends and cool-down are every account's, and it is never retired, so they keep no account.
    /// </summary>
    private static bool InUse(MailboxPool? pool) => pool is { Shared: false } && (pool.Users > 0 || pool.CoolDown.Refusal() is not null);

    private MailboxPool NewPool(string accountId, SmtpMailbox mailbox) => new(accountId, _shared, mailbox, options, credentials, time);

    /// <summary>One account's mailbox read, or why it has none, and its use (all under <see cref="_lock"/>).</summary>
    private sealed class Entry
    {
        public MailboxPool? Pool { get; set; }

        public string? Problem { get; set; }

        /// <summary>Until when <see cref="Pool"/> or <see cref="Problem"/> is answered without reading the mailbox again.</summary>
        public DateTimeOffset FreshUntil { get; set; } = DateTimeOffset.MinValue;

        /// <summary>When a send last began or ended: the account is forgotten a cache lifetime after.</summary>
        public DateTimeOffset LastUsed { get; set; }

        /// <summary>How many reads of the mailbox are under way: the account is not forgotten meanwhile.</summary>
        public int Reads { get; set; }

        /// <summary>How many times the account was invalidated: a read that began before the last one is not kept.</summary>
        public long Version { get; set; }
    }
}
