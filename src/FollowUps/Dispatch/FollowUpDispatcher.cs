using FollowUps.Accounts;
using FollowUps.Delivery;
using FollowUps.Internal;
using FollowUps.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUps.Dispatch;

/// <summary>
/// Works what the outbox holds for later, one leased batch at a time: the crash rules first (a send left in flight
/// becomes unknown; what is past its deadline expires), unknown sends settled by asking their sender's provider
/// (<see cref="Reconciling"/>), then the send, through the same
/// <see cref="FollowUpDelivery.SendAsync"/> the inline path uses, with its pre-send gate (the do-not-contact list, by
/// the targets stored with the follow-up), and through the sender of the follow-up's account. Observers hear of every
/// follow-up it settles. Thread-safe.
/// </summary>
/// <remarks>
/// Fair between accounts: a lease holds at most <see cref="FollowUpDeliveryOptions.DispatchPerAccount"/> of one account,
/// and none of an account's channel whose credentials were refused until the cool-down its sender named ends
/// (<see cref="SenderRests"/>). The hosted loop (<see cref="RunAsync"/>) also keeps no more than that share of one
/// channel in work, so a hanging mailbox holds its own account's share of the workers and no more.
/// </remarks>
internal sealed partial class FollowUpDispatcher(
    IFollowUpStore store,
    ISuppressionStore suppressions,
    IOptions<FollowUpDeliveryOptions> options,
    TimeProvider time,
    IEnumerable<IFollowUpObserver> observers,
    ILogger<FollowUpDispatcher>? logger = null,
    ISmsSender? smsSender = null,
    IEmailSender? emailSender = null,
    AccountDirectory? accounts = null) : IFollowUpDispatcher
{
    private readonly FollowUpDeliveryOptions _options = options.Value;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly IFollowUpObserver[] _observers = [.. observers];
    private readonly FollowUpDelivery _delivery = new(store, suppressions, time, options.Value, (ILogger?)logger ?? NullLogger.Instance);
    private readonly ProviderQuestion _question = new(store, time, options.Value.LeaseDuration, (ILogger?)logger ?? NullLogger.Instance);
    private readonly SenderRests _rests = new();

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        // No more than can start within their lease: a follow-up waiting its turn in the batch must not outlive its lease.
        var leased = await LeaseAsync(Math.Min(_options.DispatchBatchSize, 2 * _options.DispatchConcurrency), [], cancellationToken).ConfigureAwait(false);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.DispatchConcurrency };
        await Parallel.ForEachAsync(leased, parallel, (record, _) => new ValueTask(WorkAsync(record, cancellationToken))).ConfigureAwait(false);
        return leased.Count;
    }

    private async Task WorkAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        try
        {
            if (record.State == FollowUpState.Unknown)
            {
                // An account that cannot be read now cannot name its sender: nobody is asked, and it is asked again later.
                var asked = await SendersOfAsync(record.Key, cancellationToken).ConfigureAwait(false);
                await ReconcileAsync(record, asked?.SenderOf(record.Key), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (Settled(record, time.GetUtcNow()) is { } settled)
            {
                await SettleAsync(record, settled, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (_rests.IsResting(SenderChannel.Of(record.Key), time.GetUtcNow()))
            {
                return; // Its channel's credentials were refused since it was leased: not sent into the cool-down (leases skip it till then).
            }

            if (await SendersOfAsync(record.Key, cancellationToken).ConfigureAwait(false) is not { } senders)
            {
                return; // Its account cannot be used now (logged): the lease runs out and a later batch tries again.
            }

            if (OutboundOf(record, senders) is not { } outbound)
            {
                Log.NoSenderForDue(_logger, record.Key.ToString(), record.Sms is null ? nameof(IEmailSender) : nameof(ISmsSender));
                return;
            }

            // The pre-send gate (the do-not-contact list) runs inside SendAsync, for the inline path too.
            // A result the store takes only later is heard of then, when the background write settles it.
            await _delivery.SendAsync(record, outbound, settled => NotifyAsync(settled, CancellationToken.None)).ConfigureAwait(false);
            if (await store.FindAsync(record.Key, CancellationToken.None).ConfigureAwait(false) is not { } after)
            {
                return;
            }

            RestIfRefused(after);
            if (IsSettledBy(after, record))
            {
                await NotifyAsync(after, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The lease runs out and the next batch takes the follow-up again; nothing is lost.
            Log.StoreFailed(_logger, ex, record.CallId);
        }
    }

    /// <summary>
    /// The senders of <paramref name="key"/>'s account (the registered ones when the engine has no accounts); <see langword="null"/>
    /// when the account cannot be used now: unknown, invalid or unreadable (logged; it waits, and expires at its deadline).
    /// </summary>
    private async ValueTask<DueSenders?> SendersOfAsync(FollowUpKey key, CancellationToken cancellationToken)
    {
        if (accounts is null)
        {
            return new(smsSender, emailSender);
        }

        var lookup = await accounts.GetAsync(key.AccountId, cancellationToken).ConfigureAwait(false);
        if (lookup.Account is not { } account)
        {
            Log.AccountNotUsableForDue(_logger, key.ToString(), lookup.Reason, lookup.Detail);
            return null;
        }

        return new(account.Sms, account.Email);
    }

    /// <summary>A send its provider refused the credentials for rests its channel until the cool-down the sender named.</summary>
    private void RestIfRefused(FollowUpRecord after)
    {
        if (after is { State: FollowUpState.Waiting, Outcome.Reason: OutcomeReason.CredentialsRefused, DueAt: { } until } && until > time.GetUtcNow())
        {
            _rests.Rest(SenderChannel.Of(after.Key), until);
        }
    }

    /// <summary>
    /// The crash and deadline rules: a send whose worker stopped before recording an answer is unknown (the request may
    /// have left); a retry whose earlier attempt the provider reported after all was sent; one not yet sent past its
    /// deadline expires.
    /// </summary>
    private FollowUpRecord? Settled(FollowUpRecord record, DateTimeOffset now) => record.State switch
    {
        FollowUpState.Sending => Reconciling.AskLater(OutboxRules.Ended(record, FollowUpState.Unknown, Prepared(record) with
        {
            Status = OutcomeStatus.Unknown,
            Reason = OutcomeReason.NoProviderAnswer,
            Detail = "The process sending it stopped before it recorded the provider's answer; the message may have gone out, so it is not sent again blindly.",
        }, now), _options.ReconcileInterval, now),
        FollowUpState.Waiting when Reconciling.FromDelivery(record) is { } proof => Reconciling.Next(record, record.Outcome ?? Prepared(record), proof, now, _options),
        _ when now > record.Deadline => Settlement.Expired(record, record.Outcome ?? Prepared(record), now, _options),
        _ => null,
    };

    /// <summary>
    /// Settles an unknown send: by a delivery report about its last attempt, else by asking its sender's provider when
    /// the sender is an <see cref="ISendReconciler"/>, else it stays unknown and is looked at again later (<see cref="Reconciling"/>).
    /// </summary>
    private async Task ReconcileAsync(FollowUpRecord unknown, object? sender, CancellationToken cancellationToken)
    {
        var last = unknown.Outcome ?? Prepared(unknown);
        var answer = Reconciling.FromDelivery(unknown) ?? await _question.AskAsync(unknown, sender, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var next = answer is null ? Reconciling.Rest(unknown, last, now, _options) : Reconciling.Next(unknown, last, answer, now, _options);
        if (answer is not null)
        {
            Log.Reconciled(_logger, unknown.Key.ToString(), unknown.Attempts, answer.Verdict);
        }

        // Observers hear of a settlement: not of one still unknown, nor of a retry (they hear of it when it is sent).
        if (!await store.TryUpdateAsync(unknown, next, CancellationToken.None).ConfigureAwait(false) || next.State is FollowUpState.Unknown or FollowUpState.Waiting)
        {
            return;
        }

        await NotifyAsync(next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether <paramref name="after"/> is this worker's own settlement of <paramref name="leased"/>: it ended or became
    /// unknown, and no other worker holds it (observers hear each settlement once, from the worker that made it).
    /// </summary>
    private static bool IsSettledBy(FollowUpRecord after, FollowUpRecord leased) =>
        after.State is not (FollowUpState.Claimed or FollowUpState.Sending or FollowUpState.Waiting)
        && after.LeaseOwner is null
        && (after.Attempts > leased.Attempts || after.State == FollowUpState.Cancelled);

    private async Task SettleAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
    {
        if (await store.TryUpdateAsync(current, next, CancellationToken.None).ConfigureAwait(false))
        {
            await NotifyAsync(next, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task NotifyAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        Log.Dispatched(_logger, record.Key.ToString(), record.State);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnSettledAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.ObserverThrew(_logger, ex, record.Key.ToString(), record.State);
            }
        }
    }

    /// <summary>The stored message, ready to send again through its account's sender of its kind; <see langword="null"/> without one.</summary>
    private static Outbound? OutboundOf(FollowUpRecord record, DueSenders senders) => (record.Sms, record.Email) switch
    {
        ({ } sms, _) when senders.Sms is not null => Outbound.Of(sms, SmsText.Measure(sms.Body), senders.Sms),
        (_, { } email) when senders.Email is not null => Outbound.Of(email, senders.Email),
        _ => null,
    };

    /// <summary>An account's senders, as the dispatcher uses them.</summary>
    private sealed record DueSenders(ISmsSender? Sms, IEmailSender? Email)
    {
        public object? SenderOf(FollowUpKey key) => key.Kind == FollowUpKind.Sms ? Sms : Email;
    }

    /// <summary>The follow-up's outcome before a send, from its stored message.</summary>
    private static FollowUpOutcome Prepared(FollowUpRecord record) => (record.Sms, record.Email) switch
    {
        ({ } sms, _) => Outbound.PreparedFor(sms, measure: null),
        (_, { } email) => Outbound.PreparedFor(email),
        _ => Outbound.Unsent(record.Key.Kind, ""),
    };
}
