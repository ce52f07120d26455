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

    /// <summary>How many invalidations there were: a read that one overtook gives its answer to its caller only.</summary>
    private long _invalidations;

    public AccountDirectory(IFollowUpAccounts source, IOptions<FollowUpAccountsOptions> options, IOptions<FollowUpOptions> registered, TimeProvider time, ILogger<AccountDirectory>? logger = null)
    {
        _source = source;
        _options = options.Value;
        _registered = registered; // Read when an account is, not here: a host may resolve the list before its settings are complete.
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _cache = new MemoryCache(new MemoryCacheOptions { Clock = new TimeProviderClock(time) });
    }

    /// <summary>The account <paramref name="accountId"/> names, or why there is none to use.</summary>
    public async ValueTask<AccountLookup> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var cached = _cache.Get<Read>(accountId);
        if (cached is not null && now - cached.At < _options.CacheLifetime)
        {
            return cached.Lookup;
        }

        var invalidations = Interlocked.Read(ref _invalidations);
        FollowUpAccount? account;
        try
        {
            account = await _source.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var stale = cached is { Lookup.Account: not null } && now - cached.At < _options.StaleLifetime;
            Log.AccountSourceFailed(_logger, ex, accountId, stale);
            return stale ? cached!.Lookup : AccountLookup.Unavailable(accountId, ex);
        }

        var lookup = Resolve(accountId, account, _registered.Value);
        if (Interlocked.Read(ref _invalidations) != invalidations)
        {
            // The host said the account changed while this read was under way: what it gave may be the old settings.
            return lookup;
        }

        // Settings are kept as long as they may stand in for an unreadable source; an unknown or invalid account only as
        // long as it is used, so many distinct unknown ids do not pile up.
        var keep = lookup.Account is not null && _options.StaleLifetime > _options.CacheLifetime ? _options.StaleLifetime : _options.CacheLifetime;
        _cache.Set(accountId, new Read(lookup, now), now + keep);
        return lookup;
    }

    public ValueTask InvalidateAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        Interlocked.Increment(ref _invalidations);
        _cache.Remove(accountId);
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>An account as read from the source: known and valid, unknown, or invalid with every problem named.</summary>
    private static AccountLookup Resolve(string accountId, FollowUpAccount? account, FollowUpOptions registered)
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
        var problems = new[] { new FollowUpOptionsValidator(path).Validate(null, settings), new FollowUpOptionsAttributeValidator().Validate(null, settings) }
            .Where(result => result.Failed)
            .SelectMany(result => result.Failures ?? [])
            .ToList();
        return problems.Count == 0 ? AccountLookup.Found(new ResolvedAccount(settings)) : AccountLookup.Invalid(accountId, problems);
    }

    /// <summary>What was read, and when.</summary>
    private sealed record Read(AccountLookup Lookup, DateTimeOffset At);

    /// <summary>The cache's clock, from the injected <see cref="TimeProvider"/>, so expiry follows the clock tests move.</summary>
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
