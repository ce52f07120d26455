using FollowUps.Delivery;
using FollowUps.Internal;
using FollowUps.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUps.Dispatch;

/// <summary>
/// Works what the outbox holds for later, one leased batch at a time: the crash rules first (a send left in flight
/// becomes unknown; what is past its deadline expires), then the pre-send gate (the do-not-contact list, by the targets
/// stored with the follow-up), then the send, through the same <see cref="FollowUpDelivery.SendAsync"/> the inline path
/// uses. Observers hear of every follow-up it settles. Thread-safe.
/// </summary>
internal sealed class FollowUpDispatcher(
    IFollowUpStore store,
    ISuppressionStore suppressions,
    IOptions<FollowUpDeliveryOptions> options,
    TimeProvider time,
    IEnumerable<IFollowUpObserver> observers,
    ILogger<FollowUpDispatcher>? logger = null,
    ISmsSender? smsSender = null,
    IEmailSender? emailSender = null) : IFollowUpDispatcher
{
    private readonly FollowUpDeliveryOptions _options = options.Value;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly IFollowUpObserver[] _observers = [.. observers];
    private readonly FollowUpDelivery _delivery = new(store, suppressions, time, options.Value, (ILogger?)logger ?? NullLogger.Instance);

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var leased = await store.LeaseDueAsync(Guid.NewGuid().ToString("N"), now, now + _options.LeaseDuration, _options.DispatchBatchSize, cancellationToken).ConfigureAwait(false);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.DispatchConcurrency };
        await Parallel.ForEachAsync(leased, parallel, (record, _) => new ValueTask(WorkAsync(record, cancellationToken))).ConfigureAwait(false);
        return leased.Count;
    }

    private async Task WorkAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        try
        {
            if (Settled(record, time.GetUtcNow()) is { } settled)
            {
                await SettleAsync(record, settled, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (await suppressions.FindSuppressionAsync(record.Key.AccountId, record.Targets, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var outcome = Prepared(record) with
                {
                    Status = OutcomeStatus.Skipped,
                    Reason = OutcomeReason.Suppressed,
                    Detail = $"The contact joined the do-not-contact list (by {entry.Target.Kind}, {entry.Reason}) before this follow-up went.",
                };
                await SettleAsync(record, OutboxRules.Cancelled(record, outcome, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (OutboundOf(record) is not { } outbound)
            {
                Log.NoSenderForDue(_logger, record.Key.ToString(), record.Sms is null ? nameof(IEmailSender) : nameof(ISmsSender));
                return;
            }

            await _delivery.SendAsync(record, outbound.Prepared, outbound.Sender, outbound.Send).ConfigureAwait(false);
            if (await store.FindAsync(record.Key, CancellationToken.None).ConfigureAwait(false) is { State: not FollowUpState.Waiting } after)
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
    /// The crash and deadline rules: a send whose worker stopped before recording an answer is unknown (the request may
    /// have left); an unknown one past its deadline expires as unknown; one not yet sent past its deadline expires.
    /// </summary>
    private FollowUpRecord? Settled(FollowUpRecord record, DateTimeOffset now) => record.State switch
    {
        FollowUpState.Sending => OutboxRules.Ended(record, FollowUpState.Unknown, Prepared(record) with
        {
            Status = OutcomeStatus.Unknown,
            Reason = OutcomeReason.NoProviderAnswer,
            Detail = "The process sending it stopped before it recorded the provider's answer; the message may have gone out, so it is not sent again.",
        }, now) with { CompletedAt = null },
        FollowUpState.Unknown => Settlement.Expired(record, record.Outcome ?? Prepared(record), now, _options),
        _ when now > record.Deadline => Settlement.Expired(record, record.Outcome ?? Prepared(record), now, _options),
        _ => null,
    };

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

    /// <summary>The stored message, ready to send again through the sender registered for its kind; <see langword="null"/> without one.</summary>
    private Outbound? OutboundOf(FollowUpRecord record) => (record.Sms, record.Email) switch
    {
        ({ } sms, _) when smsSender is not null => Outbound.Of(sms, SmsText.Measure(sms.Body), smsSender),
        (_, { } email) when emailSender is not null => Outbound.Of(email, emailSender),
        _ => null,
    };

    /// <summary>The follow-up's outcome before a send, from its stored message.</summary>
    private static FollowUpOutcome Prepared(FollowUpRecord record) => (record.Sms, record.Email) switch
    {
        ({ } sms, _) => Outbound.Unsent(FollowUpKind.Sms, sms.To) with { Template = sms.Template, Text = sms.Body },
        (_, { } email) => Outbound.Unsent(record.Key.Kind, email.To) with { Subject = email.Subject, Text = email.TextBody },
        _ => Outbound.Unsent(record.Key.Kind, ""),
    };
}
