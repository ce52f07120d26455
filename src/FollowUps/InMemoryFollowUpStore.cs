using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FollowUps.Internal;
using FollowUps.Outbox;
using Microsoft.Extensions.Logging;

namespace FollowUps;

/// <summary>
/// A thread-safe outbox and do-not-contact list in process memory: the development default, and the reference the
/// store contract is written against. It forgets everything when the process ends and is not shared between
/// processes, so it logs a warning when created (where logging is registered); register a durable store for
/// production. Leasing, cancelling and listing read every follow-up, which is fine for development and tests.
/// </summary>
public sealed partial class InMemoryFollowUpStore : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter
{
    private readonly Dictionary<FollowUpKey, Kept> _records = []; // Under _leasing; entries are changed in place.
    private readonly Dictionary<string, FollowUpKey> _byProviderMessageId = new(StringComparer.Ordinal); // Under _leasing, with the record it names.
    private readonly ConcurrentDictionary<(string AccountId, SuppressionTarget Target), SuppressionEntry> _suppressions = new();
    private readonly Lock _leasing = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty store.</summary>
    /// <param name="logger">Receives the warning that this store is for development; optional.</param>
    /// <param name="timeProvider">The clock that stamps the history; <see cref="TimeProvider.System"/> when omitted.</param>
    public InMemoryFollowUpStore(ILogger<InMemoryFollowUpStore>? logger = null, TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        if (logger is not null)
        {
            Log.InMemoryStoreInUse(logger);
        }
    }

    /// <inheritdoc />
    public Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            return Task.FromResult(TryStore(record, out var holder) ? new FollowUpClaim(true, record) : new FollowUpClaim(IsRetryOf(record, holder), holder));
        }
    }

    /// <inheritdoc />
    public ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(sending);
        cancellationToken.ThrowIfCancellationRequested();
        if (claim.Key != sending.Key)
        {
            throw new ArgumentException("A follow-up cannot become another one.", nameof(sending));
        }

        lock (_leasing) // An entry is added to the list under it too, so wholly before or after this.
        {
            if (!TryStore(claim, out var holder))
            {
                return new(new FollowUpStart(IsRetryOf(claim, holder), holder, null));
            }

            if (FindSuppression(claim.Key.AccountId, claim.Targets) is { } entry)
            {
                return new(new FollowUpStart(true, claim, entry));
            }

            return Update(claim, sending)
                ? new(new FollowUpStart(true, sending, null))
                : throw new InvalidOperationException("A follow-up claimed under the store's lock refused its move to sending.");
        }
    }

    /// <summary>Stores <paramref name="record"/> unless its key is claimed, when <paramref name="holder"/> is the record that holds it; under <c>_leasing</c>.</summary>
    private bool TryStore(FollowUpRecord record, out FollowUpRecord holder)
    {
        ref var kept = ref CollectionsMarshal.GetValueRefOrAddDefault(_records, record.Key, out var exists);
        if (exists)
        {
            holder = kept.Record;
            return false;
        }

        kept = new Kept(record);
        kept.Append(record.ClaimedAt, record);
        holder = record;
        return true;
    }

    /// <summary>Whether <paramref name="claim"/> is a retry of the claim that stored <paramref name="holder"/> (its claim time and owner): a retry wins.</summary>
    private static bool IsRetryOf(FollowUpRecord claim, FollowUpRecord holder) =>
        holder.ClaimedAt == claim.ClaimedAt && holder.LeaseOwner is not null && holder.LeaseOwner == claim.LeaseOwner;

    /// <inheritdoc />
    public Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        cancellationToken.ThrowIfCancellationRequested();
        if (current.Key != next.Key)
        {
            throw new ArgumentException("A follow-up cannot become another one.", nameof(next));
        }

        lock (_leasing)
        {
            return Task.FromResult(Update(current, next));
        }
    }

    /// <summary>The compare-and-set of <see cref="TryUpdateAsync"/>; under <c>_leasing</c>.</summary>
    private bool Update(FollowUpRecord current, FollowUpRecord next)
    {
        ref var kept = ref CollectionsMarshal.GetValueRefOrNullRef(_records, current.Key);
        if (Unsafe.IsNullRef(ref kept) || !IsHeldAs(kept.Record, current))
        {
            return false;
        }

        var stored = kept.Record;
        kept.Record = Unchanged(stored, next) ? next : stored with
        {
            State = next.State,
            Attempts = next.Attempts,
            AttemptStartedAt = next.AttemptStartedAt,
            LeaseOwner = next.LeaseOwner,
            LeaseExpiresAt = next.LeaseExpiresAt,
            DueAt = next.DueAt,
            WaitReason = next.WaitReason,
            CompletedAt = next.CompletedAt,
            Outcome = next.Outcome,
            CancelRequest = next.CancelRequest ?? stored.CancelRequest, // Once asked, kept: a send under way cannot clear it.
        };

        if (stored.State != next.State || stored.Attempts != next.Attempts || stored.Outcome != next.Outcome)
        {
            kept.Append(_time.GetUtcNow(), next);
        }

        // In the same lock as the record: a report read once the outcome is readable finds its message.
        if (next.Outcome?.ProviderMessageId is { } providerMessageId)
        {
            _byProviderMessageId[providerMessageId] = next.Key;
        }

        return true;
    }

    /// <summary>The entry of a follow-up the store holds, to change in place. Call under <c>_leasing</c>.</summary>
    private ref Kept Entry(FollowUpKey key) => ref CollectionsMarshal.GetValueRefOrNullRef(_records, key);

    /// <summary>The compare of the compare-and-set: the store still holds the follow-up in the state, attempt and lease <paramref name="current"/> has.</summary>
    private static bool IsHeldAs(FollowUpRecord stored, FollowUpRecord current) =>
        stored.State == current.State && stored.Attempts == current.Attempts && stored.LeaseOwner == current.LeaseOwner;

    /// <summary>
    /// Whether <paramref name="next"/> already holds what an update keeps of <paramref name="stored"/> (its message,
    /// targets, times, delivery report and cancel request), so it can be stored itself rather than copied.
    /// </summary>
    private static bool Unchanged(FollowUpRecord stored, FollowUpRecord next) =>
        ReferenceEquals(stored.Sms, next.Sms) && ReferenceEquals(stored.Email, next.Email) && ReferenceEquals(stored.Targets, next.Targets)
        && ReferenceEquals(stored.CallId, next.CallId) && stored.ClaimedAt == next.ClaimedAt && stored.Deadline == next.Deadline
        && ReferenceEquals(stored.Delivery, next.Delivery) && (next.CancelRequest is not null || stored.CancelRequest is null);

    /// <inheritdoc />
    public Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            var due = Records()
                .Where(record => OutboxRules.NeedsWorker(record, request.Now) && !request.Skip.Any(skipped => skipped.Covers(record.Key)))
                .GroupBy(record => record.Key.AccountId)
                .SelectMany(account => account.OrderBy(DueAt).Take(request.MaxPerAccount))
                .OrderBy(DueAt)
                .Take(request.Max)
                .ToList();
            var leased = due.Select(record => Entry(record.Key).Record = record with { LeaseOwner = request.Owner, LeaseExpiresAt = request.LeaseUntil }).ToList();
            return Task.FromResult<IReadOnlyList<FollowUpRecord>>(leased);
        }

        static DateTimeOffset DueAt(FollowUpRecord record) => record.DueAt ?? record.ClaimedAt;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FollowUpRecord>> CancelPendingAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(outcome);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            var cancelled = Records()
                .Where(record => record.Key.AccountId == accountId && record.State is FollowUpState.Claimed or FollowUpState.Waiting && record.Targets.Any(targets.Contains))
                .Where(record => record.Delivery?.IsAboutLastAttemptOf(record) != true) // It went after all: left to be recorded as sent.
                .Select(record => record.CancelledWith(outcome, now))
                .ToList();
            foreach (var record in cancelled)
            {
                ref var kept = ref Entry(record.Key);
                kept.Record = record;
                kept.Append(now, record);
            }

            return Task.FromResult<IReadOnlyList<FollowUpRecord>>(cancelled);
        }
    }

    /// <inheritdoc/>
    public Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            return Task.FromResult(_records.TryGetValue(key, out var kept) ? kept.Record : null);
        }
    }

    /// <inheritdoc/>
    public Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerMessageId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            return Task.FromResult(_byProviderMessageId.TryGetValue(providerMessageId, out var key) && _records.TryGetValue(key, out var kept) ? kept.Record : null);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(callId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_leasing)
        {
            IReadOnlyList<FollowUpRecord> found = [.. Records().Where(r => r.Key.AccountId == accountId && r.CallId == callId).OrderBy(r => r.Key.Kind)];
            return Task.FromResult(found);
        }
    }
}
