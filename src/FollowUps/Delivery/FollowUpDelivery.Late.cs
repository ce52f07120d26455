using FollowUps.Internal;

namespace FollowUps.Delivery;

/// <summary>
/// A send's result the store could not take at once: kept and written later, or, when another worker took the follow-up
/// over meanwhile, proven (a message the provider accepted) or settled (one it refused) on the record that worker left.
/// </summary>
internal sealed partial class FollowUpDelivery
{
    /// <summary>
    /// Writes a send's result that the store could not take when it ended (a database restarting or failing over), in the
    /// background, with a pause that doubles from 1 s up to 30 s, until it is written, another worker has moved the
    /// follow-up on (a dispatcher took it as a stopped send once its lease ran out: then a message the provider accepted
    /// is proven by its id, <see cref="ProveSentAsync"/>), or the follow-up's deadline passes. Without it, a message that
    /// went out would stay sending until its lease ended, then be recorded as unknown. A settlement written (not a retry,
    /// which is heard of when it is sent) goes to <paramref name="settledLate"/>. Never throws.
    /// </summary>
    private async Task SettleLaterAsync(FollowUpRecord sending, FollowUpRecord next, FollowUpOutcome outcome, Func<FollowUpRecord, Task>? settledLate)
    {
        try
        {
            var pause = TimeSpan.FromSeconds(1);
            while (time.GetUtcNow() < sending.Deadline)
            {
                await Task.Delay(pause, time).ConfigureAwait(false);
                pause = pause * 2 < MaxSettlePause ? pause * 2 : MaxSettlePause;
                bool written;
                try
                {
                    written = await store.TryUpdateAsync(sending, next, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Log.StoreFailed(logger, ex, sending.CallId);
                    continue;
                }

                if (written)
                {
                    await SettledLateAsync(sending, next, settledLate).ConfigureAwait(false);
                    return;
                }

                Log.LeaseLost(logger, sending.Key.ToString(), outcome.Status);
                while (!await SettleTakenOverAsync(sending, next, outcome, settledLate).ConfigureAwait(false) && time.GetUtcNow() < sending.Deadline)
                {
                    await Task.Delay(pause, time).ConfigureAwait(false);
                }

                return;
            }
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, sending.CallId);
        }
    }

    /// <summary>A kept result, written: logged, and told to <paramref name="settledLate"/> unless it is a retry (heard of when it is sent).</summary>
    private async Task SettledLateAsync(FollowUpRecord sending, FollowUpRecord next, Func<FollowUpRecord, Task>? settledLate)
    {
        Log.SettledLate(logger, sending.Key.ToString(), next.State);
        if (settledLate is not null && next.State != FollowUpState.Waiting)
        {
            await settledLate(await FindQuietlyAsync(next) ?? next).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A kept result, once a dispatcher took the follow-up over as a stopped send (unknown, the same attempt): a message the
    /// provider accepted is proven (<see cref="ProveSentAsync"/>); one the provider refused, or that never left (nothing
    /// was sent), settles the unknown follow-up as the result would have (a retry, or failed), since no provider or
    /// dispatcher can tell that any more. False when the store failed or a worker holds it now: asked again later.
    /// </summary>
    private async Task<bool> SettleTakenOverAsync(FollowUpRecord sending, FollowUpRecord next, FollowUpOutcome outcome, Func<FollowUpRecord, Task>? settledLate)
    {
        if (outcome.Status != OutcomeStatus.Failed)
        {
            return await ProveSentAsync(sending, outcome).ConfigureAwait(false);
        }

        FollowUpRecord? stored;
        try
        {
            stored = await store.FindAsync(sending.Key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, sending.CallId);
            return false;
        }

        if (stored is not { State: FollowUpState.Unknown } || stored.Attempts != sending.Attempts)
        {
            return true; // Settled otherwise (an operator, a delivery report, the deadline), or a later attempt: left as it is.
        }

        if (stored.LeaseOwner is not null || !await TryUpdateQuietlyAsync(stored, next, sending.CallId).ConfigureAwait(false))
        {
            return false;
        }

        await SettledLateAsync(sending, next, settledLate).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Another worker moved on a follow-up whose message the provider accepted (its result could not be written in time):
    /// the provider's answer is recorded as a delivery report of this attempt, which proves the send, so the dispatcher
    /// records it sent with its id instead of asking about it or sending it again. False when the store failed.
    /// </summary>
    private async Task<bool> ProveSentAsync(FollowUpRecord sending, FollowUpOutcome outcome)
    {
        if (outcome.Status != OutcomeStatus.Sent || outcome.ProviderMessageId is not { } messageId)
        {
            return true;
        }

        try
        {
            var report = new DeliveryReport { ProviderMessageId = messageId, Status = DeliveryStatus.Queued, Key = sending.Key, Attempt = sending.Attempts, ReceivedAt = time.GetUtcNow() };
            await store.RecordDeliveryAsync(report, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, sending.CallId);
            return false;
        }
    }

    /// <summary>The follow-up as stored now; <see langword="null"/> when the store cannot say.</summary>
    private async Task<FollowUpRecord?> FindQuietlyAsync(FollowUpRecord record)
    {
        try
        {
            return await store.FindAsync(record.Key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, record.CallId);
            return null;
        }
    }

    private async Task<bool> TryUpdateQuietlyAsync(FollowUpRecord current, FollowUpRecord next, string callId)
    {
        try
        {
            return await store.TryUpdateAsync(current, next, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, callId);
            return false;
        }
    }
}
