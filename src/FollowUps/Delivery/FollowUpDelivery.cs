using System.Globalization;
using FollowUps.Internal;
using FollowUps.Outbox;
using Microsoft.Extensions.Logging;

namespace FollowUps.Delivery;

/// <summary>
/// The last steps of the path a call takes, for one rendered follow-up: claim it in the outbox (its message stored),
/// send it, settle it by <see cref="Settlement"/>'s table. The dispatcher sends through <see cref="SendAsync"/> too, so an
/// inline first attempt and a later retry follow one rule. Provider answers and exceptions become outcomes; a provider's
/// opt-out becomes a suppression entry that cancels the contact's other pending follow-ups.
/// </summary>
internal sealed partial class FollowUpDelivery(IFollowUpStore store, ISuppressionStore suppressions, TimeProvider time, FollowUpDeliveryOptions options, ILogger logger)
{
    private const string CancelledBeforeClaim = "The host cancelled before this follow-up was claimed; a later call can still send it.";

    /// <summary>The longest pause between tries to write a result the store could not take.</summary>
    private static readonly TimeSpan MaxSettlePause = TimeSpan.FromSeconds(30);

    private readonly LeaseKeeper _leases = new(store, time, options.LeaseDuration);

    /// <summary>The store, when it can claim, check its list and start a send in one write: it is the list's store too.</summary>
    private readonly IFollowUpClaimStarter? _starter = ReferenceEquals(store, suppressions) ? store as IFollowUpClaimStarter : null;
    private readonly string _owner = Guid.NewGuid().ToString("N")[..20];
    private long _claims;

    /// <summary>Claims and, when <paramref name="sendNow"/>, sends under a lease owner of its own (see the other overload).</summary>
    public ValueTask<FollowUpOutcome> DeliverAsync(CallCompleted call, Outbound outbound, IReadOnlyCollection<SuppressionTarget> targets, bool sendNow, CancellationToken cancellationToken) =>
        DeliverAsync(call, outbound, targets, sendNow ? NewOwner() : null, cancellationToken);

    /// <summary>
    /// Claims and, with a <paramref name="leaseOwner"/> (<see cref="NewOwner"/>; the follow-ups of one call may share
    /// one, as their keys differ), sends; without one, leaves the follow-up to the dispatcher. The host's token stops only
    /// what has not started: cancelled before the claim, nothing is stored; cancelled after it, the follow-up stays
    /// claimed and due now, for the dispatcher. A send, once it starts, runs under the sender's own timeout and is recorded.
    /// On a store that claims and starts in one write (<see cref="IFollowUpClaimStarter"/>) there is no "claimed, not
    /// started": the token reaches that write, and a cancellation before it commits stores nothing (skipped, as before
    /// the claim); once it commits, the send has started.
    /// </summary>
    public async ValueTask<FollowUpOutcome> DeliverAsync(CallCompleted call, Outbound outbound, IReadOnlyCollection<SuppressionTarget> targets, string? leaseOwner, CancellationToken cancellationToken)
    {
        var sendNow = leaseOwner is not null;
        if (cancellationToken.IsCancellationRequested)
        {
            return outbound.Outcome(OutcomeStatus.Skipped, OutcomeReason.Cancelled, CancelledBeforeClaim);
        }

        var now = time.GetUtcNow();
        var claim = new FollowUpRecord
        {
            Key = outbound.Key,
            CallId = call.CallId,
            Targets = targets as IReadOnlyList<SuppressionTarget> ?? [.. targets], // The record keeps a copy of its own.
            Sms = outbound.Sms,
            Email = outbound.Email,
            State = FollowUpState.Claimed,
            LeaseOwner = leaseOwner,
            LeaseExpiresAt = sendNow ? now + options.LeaseDuration : null,
            DueAt = now,
            ClaimedAt = now,
            Deadline = now + options.Deadline,
        };

        if (sendNow && !outbound.SignalsLeaving && _starter is { } starter)
        {
            return await ClaimAndSendAsync(starter, claim, outbound, cancellationToken).ConfigureAwait(false);
        }

        FollowUpClaim claimed;
        try
        {
            claimed = await store.ClaimAsync(claim, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return ClaimFailed(ex, claim, outbound);
        }

        if (!claimed.Won)
        {
            return Found(claimed.Record, outbound);
        }

        if (!sendNow || cancellationToken.IsCancellationRequested)
        {
            var why = sendNow ? "The host cancelled before the send started; " : "";
            var queued = outbound.Outcome(OutcomeStatus.Queued, sendNow ? OutcomeReason.Cancelled : OutcomeReason.None, $"{why}the follow-up is stored and the dispatcher sends it.");
            return sendNow && !await TryUpdateQuietlyAsync(claim, claim with { LeaseOwner = null, LeaseExpiresAt = null }, call.CallId).ConfigureAwait(false)
                ? queued with { Detail = $"{why}the follow-up is stored, and the dispatcher sends it once this call's hold on it ends." }
                : queued;
        }

        return await SendAsync(claimed.Record, outbound).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims and sends in the store's one write for the claim, the pre-send check of the do-not-contact list and the
    /// move to sending (<see cref="IFollowUpClaimStarter"/>; the store is the list's too), then sends as
    /// <see cref="SendAsync"/> does: the outcomes and the history of the three steps. Where the steps differ is a write
    /// that fails or is cancelled: it stores nothing, where the claim alone could have been stored.
    /// </summary>
    private async ValueTask<FollowUpOutcome> ClaimAndSendAsync(IFollowUpClaimStarter starter, FollowUpRecord claim, Outbound outbound, CancellationToken cancellationToken)
    {
        FollowUpStart start;
        try
        {
            start = await starter.ClaimAndStartAsync(claim, Attempt.Sending(claim, time.GetUtcNow(), options.LeaseDuration), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return outbound.Outcome(OutcomeStatus.Skipped, OutcomeReason.Cancelled, CancelledBeforeClaim);
        }
        catch (Exception ex)
        {
            return ClaimFailed(ex, claim, outbound);
        }

        var stored = start.Record;
        if (!start.Won)
        {
            return Found(stored, outbound);
        }

        if (start.Suppression is { } entry)
        {
            return await CancelSuppressedAsync(stored, entry, outbound).ConfigureAwait(false);
        }

        // A claim that found its own earlier record still claimed (a store's retry after a lost answer) sends as any held one.
        return start.Started
            ? await AttemptAsync(claim, new Attempt(store, claim, stored, time, options.LeaseDuration), outbound, settledLate: null).ConfigureAwait(false)
            : await SendAsync(stored, outbound).ConfigureAwait(false);
    }

    private FollowUpOutcome ClaimFailed(Exception exception, FollowUpRecord claim, Outbound outbound)
    {
        Log.StoreFailed(logger, exception, claim.CallId);
        return outbound.Outcome(OutcomeStatus.Failed, OutcomeReason.StoreUnavailable, $"The follow-up could not be claimed, so nothing was sent: {exception.Message}");
    }

    /// <summary>
    /// One attempt at a follow-up this worker holds (claimed or waiting, leased to it): marks it sending just before the
    /// request leaves, renews the lease while the request is in flight, and settles it by the table. When another
    /// worker moved it first, nothing is sent and the outcome says what it found. A result the store takes only later
    /// (<see cref="SettleLaterAsync"/>) is handed to <paramref name="settledLate"/> once written (the dispatcher's observers).
    /// </summary>
    public async ValueTask<FollowUpOutcome> SendAsync(FollowUpRecord held, Outbound outbound, Func<FollowUpRecord, Task>? settledLate = null)
    {
        // The pre-send gate, for every attempt. An operator asked to cancel it while an earlier attempt was under way (a
        // campaign paused): this retry does not go.
        if (OutboxRules.IsCancelRequested(held))
        {
            var requested = OutboxRules.CancelledAsRequested(held, "An operator asked to cancel it while an earlier attempt was under way.", time.GetUtcNow());
            return await TryUpdateQuietlyAsync(held, requested, held.CallId).ConfigureAwait(false)
                ? requested.Outcome!
                : Found(await store.FindAsync(held.Key, CancellationToken.None).ConfigureAwait(false), outbound);
        }

        // A STOP that came after the call was planned (even before the claim existed to cancel) stops the send. One that
        // comes after this check finds the follow-up claimed and cancels it, and the move to sending below then fails.
        SuppressionEntry? entry;
        try
        {
            entry = await suppressions.FindSuppressionAsync(held.Key.AccountId, held.Targets, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, held.CallId);
            return outbound.Outcome(OutcomeStatus.Failed, OutcomeReason.StoreUnavailable, $"The do-not-contact list could not be read, so nothing was sent yet: {ex.Message}");
        }

        if (entry is not null)
        {
            return await CancelSuppressedAsync(held, entry, outbound).ConfigureAwait(false);
        }

        // Sending is written just before the request leaves: before the send is called, or, for a sender that says when
        // its request leaves after a wait for a connection, at that moment. Until then the follow-up stays claimed (or
        // waiting), held by this worker's lease, and a crash leaves it safe to send again.
        var attempt = new Attempt(store, held, time, options.LeaseDuration);
        if (!outbound.SignalsLeaving)
        {
            try
            {
                if (!await attempt.TryStartAsync().ConfigureAwait(false))
                {
                    return Found(await store.FindAsync(held.Key, CancellationToken.None).ConfigureAwait(false), outbound);
                }
            }
            catch (Exception ex)
            {
                Log.StoreFailed(logger, ex, held.CallId);
                return outbound.Outcome(OutcomeStatus.Failed, OutcomeReason.StoreUnavailable, $"The send could not be started in the store, so nothing was sent yet: {ex.Message}");
            }
        }

        return await AttemptAsync(held, attempt, outbound, settledLate).ConfigureAwait(false);
    }

    /// <summary>A follow-up held by this worker, on the do-not-contact list: cancelled (unless another worker moved it first).</summary>
    private async ValueTask<FollowUpOutcome> CancelSuppressedAsync(FollowUpRecord held, SuppressionEntry entry, Outbound outbound)
    {
        var suppressed = outbound.Outcome(OutcomeStatus.Skipped, OutcomeReason.Suppressed, OutboxRules.CancelledBy(entry));
        return await TryUpdateQuietlyAsync(held, OutboxRules.Cancelled(held, suppressed, time.GetUtcNow()), held.CallId).ConfigureAwait(false)
            ? suppressed
            : Found(await store.FindAsync(held.Key, CancellationToken.None).ConfigureAwait(false), outbound);
    }

    /// <summary>
    /// The send of <paramref name="attempt"/> (started, or starting when its request leaves), under a renewed lease,
    /// settled by the table; see <see cref="SendAsync"/>.
    /// </summary>
    private async ValueTask<FollowUpOutcome> AttemptAsync(FollowUpRecord held, Attempt attempt, Outbound outbound, Func<FollowUpRecord, Task>? settledLate)
    {
        FollowUpOutcome outcome;
        TimeSpan? retryAfter;
        _leases.Hold(attempt);
        try
        {
            (outcome, retryAfter) = await SendOnceAsync(held.CallId, outbound, held.Attempts + 1, outbound.SignalsLeaving ? attempt : null).ConfigureAwait(false);
        }
        finally
        {
            await _leases.ReleaseAsync(attempt).ConfigureAwait(false);
        }

        if (attempt.Lost)
        {
            return Found(await store.FindAsync(held.Key, CancellationToken.None).ConfigureAwait(false), outbound);
        }

        // A send that never started (the sender failed before its request could leave) settles from where it was held,
        // and does not count as an attempt.
        var current = attempt.Current;
        var next = Settlement.Next(current, outcome, retryAfter, time.GetUtcNow(), options);
        switch (await SettleAsync(current, next).ConfigureAwait(false))
        {
            case Settled.MovedOn:
                Log.LeaseLost(logger, held.Key.ToString(), outcome.Status);
                await ProveSentAsync(current, outcome).ConfigureAwait(false);
                break;
            case Settled.StoreFailed:
                Log.SettlementKept(logger, held.Key.ToString(), outcome.Status);
                _ = SettleLaterAsync(current, next, outcome, settledLate);
                break;
        }

        if (outcome.Reason == OutcomeReason.RecipientOptedOut)
        {
            await SuppressAsync(held, new SuppressionTarget(held.Sms is null ? SuppressionTargetKind.Email : SuppressionTargetKind.Phone, outbound.Recipient)).ConfigureAwait(false);
        }

        return next.State == FollowUpState.Waiting
            ? outcome with { Status = OutcomeStatus.Queued, Detail = $"{outcome.Detail} It is tried again at {next.DueAt:u}." }
            : next.Outcome ?? outcome;
    }

    /// <summary>What a follow-up already in the outbox is doing, for a call or worker that did not get to send it.</summary>
    public static FollowUpOutcome Found(FollowUpRecord? record, Outbound outbound)
    {
        var (reason, detail) = record?.State switch
        {
            FollowUpState.Sent => (OutcomeReason.AlreadySent, "This contact already got this follow-up for this campaign."),
            FollowUpState.Waiting => (OutcomeReason.RetryPending, $"An earlier attempt failed ({record.Outcome?.Reason}: {record.Outcome?.Detail}); it is tried again at {record.DueAt:u}."),
            FollowUpState.Failed => (OutcomeReason.AlreadyAttempted, $"An earlier attempt failed for good ({record.Outcome?.Reason}: {record.Outcome?.Detail}); it is not sent again."),
            FollowUpState.Unknown => (OutcomeReason.SendUnknown, $"An earlier send may have gone out ({record.Outcome?.Detail}); it is not sent again blindly."),
            FollowUpState.Expired => (OutcomeReason.AlreadyExpired, $"An earlier attempt expired unsent ({record.Outcome?.Detail})."),
            FollowUpState.Cancelled => (OutcomeReason.AlreadyCancelled, $"It was cancelled before it went ({record.Outcome?.Detail})."),
            _ => (OutcomeReason.InProgress, "Another call or the dispatcher is sending this follow-up now."),
        };
        return outbound.Outcome(OutcomeStatus.Skipped, reason, detail);
    }

    /// <summary>
    /// Attempt <paramref name="number"/> of <paramref name="outbound"/>, its result or exception as an outcome. With
    /// <paramref name="leaving"/> (a sender that says when its request leaves), its move to sending is what
    /// <see cref="FollowUpSend.RequestLeavingAsync"/> does during the send.
    /// </summary>
    private async ValueTask<(FollowUpOutcome Outcome, TimeSpan? RetryAfter)> SendOnceAsync(string callId, Outbound outbound, int number, Attempt? leaving)
    {
        SendResult? result;
        try
        {
            result = leaving is null
                ? await outbound.SendAsync(number, CancellationToken.None).ConfigureAwait(false)
                : await SendSignallingAsync(outbound, number, leaving).ConfigureAwait(false);
        }
        catch (SendNotStartedException ex)
        {
            Log.SenderThrew(logger, ex, callId, outbound.Key.Kind);
            return (outbound.Outcome(OutcomeStatus.Failed, OutcomeReason.TransientFailure, $"{ex.Message} Nothing was sent."), null);
        }
        catch (Exception ex)
        {
            Log.SenderThrew(logger, ex, callId, outbound.Key.Kind);
            return (outbound.Outcome(OutcomeStatus.Unknown, OutcomeReason.SenderError, $"The sender threw {ex.GetType().Name}: {ex.Message} The request may have left, so it is not sent again blindly."), null);
        }

        var (status, reason) = result?.Status switch
        {
            SendStatus.Sent => (OutcomeStatus.Sent, OutcomeReason.None),
            SendStatus.TransientFailure => (OutcomeStatus.Failed, OutcomeReason.TransientFailure),
            SendStatus.PermanentFailure => (OutcomeStatus.Failed, OutcomeReason.PermanentFailure),
            SendStatus.RecipientOptedOut => (OutcomeStatus.Failed, OutcomeReason.RecipientOptedOut),
            SendStatus.Unknown => (OutcomeStatus.Unknown, OutcomeReason.NoProviderAnswer),
            SendStatus.CredentialsRefused => (OutcomeStatus.Failed, OutcomeReason.CredentialsRefused),
            _ => (OutcomeStatus.Unknown, OutcomeReason.SenderError),
        };
        var outcome = status == OutcomeStatus.Sent
            ? outbound.Outcome(status, reason, providerMessageId: result!.ProviderMessageId)
            : outbound.Outcome(status, reason, Explain(result, outbound.Sender));
        return (outcome, result?.RetryAfter);
    }

    /// <summary>The send of a sender that says when its request leaves: the follow-up moves to sending at that moment.</summary>
    private static Task<SendResult> SendSignallingAsync(Outbound outbound, int number, Attempt leaving) =>
        FollowUpSend.RunAsync(leaving.StartOrThrowAsync, () => outbound.SendAsync(number, CancellationToken.None));

    /// <summary>The sender's own explanation, or a sentence naming the sender when it gave none: every failure says something.</summary>
    private static string Explain(SendResult? result, string sender) => result switch
    {
        { Error: { } error } when !string.IsNullOrWhiteSpace(error) => error,
        { Status: SendStatus.TransientFailure } => $"{sender} reported a temporary failure without saying why; nothing was sent.",
        { Status: SendStatus.PermanentFailure } => $"{sender} reported that the provider refused the message, without saying why.",
        { Status: SendStatus.RecipientOptedOut } => $"{sender} reported that the recipient opted out with the provider, without saying more.",
        { Status: SendStatus.CredentialsRefused } => $"{sender} reported that the provider refused the account's credentials; nothing was sent.",
        { Status: SendStatus.Unknown } => $"{sender} got no answer from the provider and said nothing more; the message may or may not have left.",
        _ => $"{sender} returned no usable result; the request may have left, so it is not sent again blindly.",
    };

    /// <summary>
    /// Records how a send ended. A store that fails is asked again (three tries in all); when it still fails, the caller
    /// keeps the result for <see cref="SettleLaterAsync"/>.
    /// </summary>
    private async Task<Settled> SettleAsync(FollowUpRecord sending, FollowUpRecord next)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.TryUpdateAsync(sending, next, CancellationToken.None).ConfigureAwait(false) ? Settled.Written : Settled.MovedOn;
            }
            catch (Exception ex)
            {
                Log.StoreFailed(logger, ex, sending.CallId);
                if (attempt == 3)
                {
                    return Settled.StoreFailed;
                }
            }
        }
    }

    /// <summary>The provider says the recipient opted out: the list gets the address, and the contact's pending follow-ups are cancelled.</summary>
    private async Task SuppressAsync(FollowUpRecord record, SuppressionTarget target)
    {
        var accountId = record.Key.AccountId;
        try
        {
            var entry = new SuppressionEntry { AccountId = accountId, Target = target, Reason = SuppressionReason.ProviderOptOut, CreatedAt = time.GetUtcNow() };
            await suppressions.AddSuppressionAsync(entry, CancellationToken.None).ConfigureAwait(false);
            Log.Suppressed(logger, accountId, Redact.Recipient(target.Value), entry.Reason);
            var cancelled = FollowUpOutcome.Skipped(record.Key.Kind, OutcomeReason.Suppressed, "The contact opted out with the provider before this follow-up went.");
            await store.CancelPendingAsync(accountId, [.. record.Targets, target], cancelled, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, record.CallId);
        }
    }

    /// <summary>A lease owner no other call has: this delivery's random prefix and a count (no random number per claim).</summary>
    public string NewOwner() => string.Create(CultureInfo.InvariantCulture, $"{_owner}{Interlocked.Increment(ref _claims):x}");

    /// <summary>How the write of a send's result went.</summary>
    private enum Settled
    {
        /// <summary>Written.</summary>
        Written,

        /// <summary>Refused: another worker moved the follow-up first.</summary>
        MovedOn,

        /// <summary>The store failed every try.</summary>
        StoreFailed,
    }
}
