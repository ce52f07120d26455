using FollowUps.Accounts;
using FollowUps.Internal;
using FollowUps.Normalization;
using FollowUps.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUps.Delivery;

/// <summary>
/// The do-not-contact list over its store, normalising values the way the engine does. An entry added cancels the
/// contact's follow-ups still waiting in the outbox (best effort: the dispatcher checks the list before every send anyway).
/// </summary>
internal sealed class SuppressionList(
    ISuppressionStore store,
    IFollowUpStore outbox,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    ILogger<SuppressionList>? logger = null,
    AccountDirectory? accounts = null) : ISuppressionList
{
    private readonly AccountDirectory _accounts = accounts ?? new AccountDirectory(new OptionsAccounts(options), Options.Create(new FollowUpAccountsOptions()), options, time);
    private readonly ILogger _logger = logger ?? NullLogger<SuppressionList>.Instance;

    public async Task<SuppressionEntry> AddAsync(string accountId, SuppressionTargetKind kind, string value, SuppressionReason reason = SuppressionReason.DoNotContactList, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var entry = new SuppressionEntry
        {
            AccountId = accountId,
            Target = await TargetAsync(accountId, kind, value, cancellationToken).ConfigureAwait(false),
            Reason = reason,
            CreatedAt = time.GetUtcNow(),
        };
        await store.AddSuppressionAsync(entry, cancellationToken).ConfigureAwait(false);
        Log.Suppressed(_logger, accountId, Redact.Recipient(entry.Target.Value), reason);
        await CancelPendingAsync(entry).ConfigureAwait(false);
        return await store.FindSuppressionAsync(accountId, [entry.Target], cancellationToken).ConfigureAwait(false) ?? entry;
    }

    public async Task<bool> RemoveAsync(string accountId, SuppressionTargetKind kind, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return await store.RemoveSuppressionAsync(accountId, await TargetAsync(accountId, kind, value, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<SuppressionEntry?> FindAsync(string accountId, SuppressionTargetKind kind, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return await store.FindSuppressionAsync(accountId, [await TargetAsync(accountId, kind, value, cancellationToken).ConfigureAwait(false)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<SuppressionEntry?> UnsubscribeAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var keys = new[] { options.Value.UnsubscribeSigningKey }.Concat(options.Value.RetiredUnsubscribeSigningKeys).Where(k => !string.IsNullOrWhiteSpace(k));
        if (keys.Select(key => UnsubscribeToken.Read(key!, token)).FirstOrDefault(read => read is not null) is not var (accountId, email))
        {
            Log.UnsubscribeRefused(_logger);
            return null;
        }

        return await AddAsync(accountId, SuppressionTargetKind.Email, email, SuppressionReason.Unsubscribed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The region an account reads phones in: its own, the registered one for an account the source does not know (or
    /// whose settings are invalid). When the source cannot be read it throws: a number read in the wrong region would be
    /// listed under another number, and the contact still texted.
    /// </summary>
    private async Task<string> RegionAsync(string accountId, CancellationToken cancellationToken)
    {
        var lookup = await _accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        return lookup.Account is { } account ? account.Settings.DefaultRegion
            : lookup.Reason == OutcomeReason.AccountUnavailable ? throw new InvalidOperationException($"{lookup.Detail} The phone number's region is the account's; try again once its settings can be read.")
            : options.Value.DefaultRegion;
    }

    private async Task CancelPendingAsync(SuppressionEntry entry)
    {
        try
        {
            var outcome = FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.Suppressed, OutboxRules.CancelledBy(entry));
            await outbox.CancelPendingAsync(entry.AccountId, [entry.Target], outcome, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(_logger, ex, entry.AccountId);
        }
    }

    /// <summary>
    /// <paramref name="value"/> normalised as the engine normalises a call's: a phone read in the account's region (its
    /// settings as <see cref="IFollowUpAccounts"/> gives them; the registered region when the account cannot be read).
    /// </summary>
    private async Task<SuppressionTarget> TargetAsync(string accountId, SuppressionTargetKind kind, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var normalized = kind switch
        {
            SuppressionTargetKind.ContactId => Checked.Ok(value), // Opaque: compared exactly, as the engine does.
            SuppressionTargetKind.Phone => PhoneNormalizer.Normalize(value, await RegionAsync(accountId, cancellationToken).ConfigureAwait(false)),
            SuppressionTargetKind.Email => EmailNormalizer.Normalize(value),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a suppression target kind."),
        };

        return normalized.IsUsable
            ? new SuppressionTarget(kind, normalized.Value!)
            : throw new ArgumentException($"The value is not a valid {(kind == SuppressionTargetKind.Phone ? "phone number" : "email address")}.", nameof(value));
    }
}
