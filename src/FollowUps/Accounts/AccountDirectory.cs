using FollowUps.DependencyInjection;
using FollowUps.Internal;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUps.Accounts;

/// <summary>
/// The accounts as the engine reads them: from the host's <see cref="IFollowUpAccounts"/> through a cache of this process
/// (a <see cref="MemoryCache"/> on the injected clock), each read validated by the rules <see cref="FollowUpOptions"/> are
/// validated by at start-up. An account read is used for <see cref="FollowUpAccountsOptions.CacheLifetime"/>; when the
/// source then throws, the last good read stands in up to <see cref="FollowUpAccountsOptions.StaleLifetime"/> after it was
/// made. What is kept is a copy (<see cref="AccountSettings"/>), and a read that an invalidation overtook is not kept.
/// Never throws but for the caller's cancellation. Thread-safe.
/// </summary>
internal sealed class AccountDirectory : IFollowUpAccountCache, IDisposable
{
    private readonly IFollowUpAccounts _source;
    private readonly FollowUpAccountsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly MemoryCache _cache;
    private readonly IOptions<FollowUpOptions> _registered;
    private readonly IFollowUpAccountListener[] _listeners;
    private readonly AccountSenders _senders;

    /// <summary>How long the answer to a read the source failed is given without asking again (at most the cache lifetime).</summary>
    private TimeSpan RetryPause => _options.CacheLifetime < MaxRetryPause ? _options.CacheLifetime : MaxRetryPause;

    private static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(5);

    /// <summary>The reads of the source under way, one per account, shared by the callers waiting for it.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<AccountLookup>>> _reads = new(StringComparer.Ordinal);

    /// <summary>How many invalidations there were: a read that one overtook gives its answer to its callers only.</summary>
    private long _invalidations;

    public AccountDirectory(IFollowUpAccounts source, IOptions<FollowUpAccountsOptions> options, IOptions<FollowUpOptions> registered, TimeProvider time, ILogger<AccountDirectory>? logger = null, IEnumerable<IFollowUpAccountListener>? listeners = null, AccountSenders? senders = null)
    {
        _senders = senders ?? new AccountSenders(null, null);
        _listeners = listeners is null ? [] : [.. listeners];
        _source = source;
        _options = options.Value;
        _registered = registered; // Read when an account is, not here: a host may resolve the list before its settings are complete.
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _cache = new MemoryCache(new MemoryCacheOptions { Clock = new TimeProviderClock(time) });
    }

    /// <summary>The account <paramref name="accountId"/> names, or why there is none to use.</summary>
    /// <remarks>
    /// Callers that find no fresh entry share one read of the source (a burst of calls when an entry ends asks the host's
    /// source once); each waits for it under its own cancellation.
    /// </remarks>
    public async ValueTask<AccountLookup> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        if (_cache.Get<Read>(accountId) is { } cached && cached.FreshUntil > _time.GetUtcNow())
        {
            return cached.Lookup;
        }

        var read = _reads.GetOrAdd(accountId, NewRead);
        return await read.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private Lazy<Task<AccountLookup>> NewRead(string accountId)
    {
        Lazy<Task<AccountLookup>>? read = null;
        read = new(() => ReadAsync(accountId, read!), LazyThreadSafetyMode.ExecutionAndPublication);
        return read;
    }

    /// <summary>
    /// One read of the source, shared by the callers that wait for it, and what is kept of it. When the source throws,
    /// the answer (the last good settings while they may stand in, else unavailable) is kept for a short pause
    /// (<see cref="RetryPause"/>), so the calls of an outage do not each wait for the source to fail.
    /// </summary>
    private async Task<AccountLookup> ReadAsync(string accountId, Lazy<Task<AccountLookup>> self)
    {
        try
        {
            var now = _time.GetUtcNow();
            var cached = _cache.Get<Read>(accountId);
            var invalidations = Interlocked.Read(ref _invalidations);
            FollowUpAccount? account;
            try
            {
                account = await _source.FindAsync(accountId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var stale = cached is { Lookup.Account: not null } && now - cached.At < _options.StaleLifetime;
                Log.AccountSourceFailed(_logger, ex, accountId, stale);
                var answer = stale ? cached! with { FreshUntil = now + RetryPause } : new Read(AccountLookup.Unavailable(accountId, ex), now, now + RetryPause);
                Keep(accountId, answer, invalidations, stale ? cached!.At + _options.StaleLifetime : now + RetryPause);
                return answer.Lookup;
            }

            var lookup = Resolve(accountId, account, _registered.Value, _senders);

            // Settings are kept as long as they may stand in for an unreadable source; an unknown or invalid account only as
            // long as it is used, so many distinct unknown ids do not pile up.
            var keep = lookup.Account is not null && _options.StaleLifetime > _options.CacheLifetime ? _options.StaleLifetime : _options.CacheLifetime;
            Keep(accountId, new Read(lookup, now, now + _options.CacheLifetime), invalidations, now + keep);
            return lookup;
        }
        finally
        {
            _reads.TryRemove(KeyValuePair.Create(accountId, self));
        }
    }

    /// <summary>Keeps <paramref name="read"/> until <paramref name="until"/>, unless the host invalidated the account while it was read (what it gave may be the old settings).</summary>
    private void Keep(string accountId, Read read, long invalidationsBefore, DateTimeOffset until)
    {
        if (Interlocked.Read(ref _invalidations) == invalidationsBefore)
        {
            _cache.Set(accountId, read, until);
            if (Interlocked.Read(ref _invalidations) != invalidationsBefore)
            {
                _cache.Remove(accountId); // An invalidation came between the check and the write: at worst one more read.
            }
        }
    }

    public async ValueTask InvalidateAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        Interlocked.Increment(ref _invalidations);
        _cache.Remove(accountId);
        _reads.TryRemove(accountId, out _); // A read under way may give the old settings: the next caller starts a new one.
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.OnAccountInvalidatedAsync(accountId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                Log.AccountListenerThrew(_logger, ex, listener.GetType().Name, accountId);
            }
        }
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>An account as read from the source: known and valid, unknown, or invalid with every problem named.</summary>
    private static AccountLookup Resolve(string accountId, FollowUpAccount? account, FollowUpOptions registered, AccountSenders senders)
    {
        if (account is null)
        {
            return AccountLookup.Unknown(accountId);
        }

        if (account.Settings is null || account.Id != accountId)
        {
            return AccountLookup.Invalid(accountId, [$"the source returned {(account.Settings is null ? "no settings" : $"account '{account.Id}'")} for it."]);
        }

        var settings = AccountSettings.Of(account.Settings, registered);
        var path = new OptionsPath<FollowUpOptions>($"Accounts:{accountId}");
        var signed = AccountSettings.Checked(settings, registered);
        var problems = new[] { new FollowUpOptionsValidator(path).Validate(null, signed), new FollowUpOptionsAttributeValidator().Validate(null, signed) }
            .Where(result => result.Failed)
            .SelectMany(result => result.Failures ?? [])
            .ToList();
        var (sms, email, senderProblems) = senders.For(account);
        problems.AddRange(senderProblems);
        return problems.Count == 0 ? AccountLookup.Found(new ResolvedAccount(settings, sms, email)) : AccountLookup.Invalid(accountId, problems);
    }

    /// <summary>What was read, when, and until when it is answered without asking the source.</summary>
    private sealed record Read(AccountLookup Lookup, DateTimeOffset At, DateTimeOffset FreshUntil);

    /// <summary>The cache's clock, from the injected <see cref="TimeProvider"/>, so expiry follows the clock tests move.</summary>
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
