using System.Collections.Concurrent;
using FollowUps.Internal;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FollowUps.Twilio.Accounts;

/// <summary>
/// Each account's Twilio settings as the sender uses them: read from <see cref="ITwilioAccounts"/>, validated, and kept
/// (a copy, no secret) in a <see cref="MemoryCache"/> on the injected clock for
/// <see cref="FollowUpAccountsOptions.CacheLifetime"/>; the default port, over <see cref="TwilioSmsOptions"/>, is read at
/// every send as before. Credentials are asked of <see cref="ITwilioCredentials"/> each time and never kept. Also holds
/// the cool-down after refused credentials, one per account (one for all when every account shares the registered
/// credentials). An invalidation (<see cref="IFollowUpAccountListener"/>) forgets both at once, so fixed credentials are
/// tried at the next send. Thread-safe.
/// </summary>
internal sealed class TwilioAccountDirectory : IFollowUpAccountListener, IDisposable
{
    private const string CoolDownSetting = "FollowUps:Twilio:AuthenticationRetryDelay";

    private readonly ITwilioAccounts _accounts;
    private readonly ITwilioCredentials _credentials;
    private readonly FollowUpAccountsOptions _options;
    private readonly TimeProvider _time;
    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<string, CredentialsCoolDown> _coolDowns = new(StringComparer.Ordinal);

    /// <summary>How many invalidations there were: a read one overtook is not kept (it may hold the old settings).</summary>
    private long _invalidations;

    public TwilioAccountDirectory(ITwilioAccounts accounts, ITwilioCredentials credentials, IOptions<FollowUpAccountsOptions> options, TimeProvider time)
    {
        (_accounts, _credentials, _options, _time) = (accounts, credentials, options.Value, time);
        _cache = new MemoryCache(new MemoryCacheOptions { Clock = new Clock(time) });
    }

    /// <summary>Whether every account shares the credentials of <see cref="TwilioSmsOptions"/> (the single-account setup).</summary>
    public bool SharedCredentials => _credentials is OptionsTwilioCredentials;

    /// <summary>The account's settings, validated.</summary>
    /// <exception cref="SendNotStartedException">The account is unknown, its settings are invalid, or the port threw: nothing was sent.</exception>
    public async ValueTask<TwilioAccount> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        if (_cache.Get<TwilioAccount>(accountId) is { } cached)
        {
            return cached;
        }

        var invalidations = Interlocked.Read(ref _invalidations);
        TwilioAccount? read;
        try
        {
            read = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new SendNotStartedException($"The Twilio settings of account '{accountId}' could not be read ({nameof(ITwilioAccounts)} threw {ex.GetType().Name}), so nothing was sent; it is tried again later.", ex);
        }

        if (read is null)
        {
            throw new SendNotStartedException($"Account '{accountId}' has no Twilio settings ({nameof(ITwilioAccounts)} returned none), so nothing was sent; it is tried again later.");
        }

        var account = read with { }; // A copy: a host changing the returned object changes nothing validated.
        var problems = TwilioAccountValidator.Problems(account, "");
        if (problems.Count > 0)
        {
            throw new SendNotStartedException($"The Twilio settings of account '{accountId}' are invalid, so nothing was sent: {string.Join(" ", problems)}");
        }

        if (_accounts is not OptionsTwilioAccounts && Interlocked.Read(ref _invalidations) == invalidations)
        {
            _cache.Set(accountId, account, _time.GetUtcNow() + _options.CacheLifetime);
        }

        return account;
    }

    /// <summary>The account's credentials, asked now and kept by no one.</summary>
    /// <exception cref="SendNotStartedException">There are none, they are incomplete, or the port threw: nothing was sent.</exception>
    public async ValueTask<TwilioCredentials> CredentialsAsync(string accountId, CancellationToken cancellationToken)
    {
        TwilioCredentials? credentials;
        try
        {
            credentials = await _credentials.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The exception's message is not repeated: a secret store's error may quote what it was asked for.
            throw new SendNotStartedException($"The Twilio credentials of account '{accountId}' could not be read ({nameof(ITwilioCredentials)} threw {ex.GetType().Name}), so nothing was sent; it is tried again later.");
        }

        if (credentials is null)
        {
            throw new SendNotStartedException($"Account '{accountId}' has no Twilio credentials ({nameof(ITwilioCredentials)} returned none), so nothing was sent; it is tried again later.");
        }

        var problems = TwilioAccountValidator.Problems(credentials, "");
        return problems.Count == 0
            ? credentials
            : throw new SendNotStartedException($"The Twilio credentials of account '{accountId}' are incomplete, so nothing was sent: {string.Join(" ", problems)}");
    }

    /// <summary>
    /// What to answer instead of contacting Twilio while the account's credentials cool down, and until when; <see langword="null"/>
    /// when they may be tried. An account that never had its credentials refused has no cool-down kept.
    /// </summary>
    public SendResult? Refusal(string accountId, out DateTimeOffset retryAt)
    {
        if (_coolDowns.TryGetValue(Scope(accountId), out var coolDown) && coolDown.Refusal() is { } refusal)
        {
            retryAt = coolDown.RetryAt;
            return refusal;
        }

        retryAt = default;
        return null;
    }

    /// <summary>Starts the cool-down of the account's credentials (its own, or the one shared by every account using the registered ones).</summary>
    public SendResult Refuse(string accountId, string problem, TimeSpan delay, out DateTimeOffset retryAt)
    {
        var coolDown = _coolDowns.GetOrAdd(Scope(accountId), _ => new CredentialsCoolDown("Twilio", CoolDownSetting, _time));
        var refused = coolDown.Start(problem, delay);
        retryAt = coolDown.RetryAt;
        return refused;
    }

    public ValueTask OnAccountInvalidatedAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        Interlocked.Increment(ref _invalidations);
        _cache.Remove(accountId);
        if (!SharedCredentials)
        {
            _coolDowns.TryRemove(accountId, out _); // The host changed the account: its credentials may be fixed, so they are tried at once.
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose() => _cache.Dispose();

    private string Scope(string accountId) => SharedCredentials ? "" : accountId;

    /// <summary>The cache's clock, from the injected <see cref="TimeProvider"/>, so expiry follows the clock tests move.</summary>
    private sealed class Clock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
