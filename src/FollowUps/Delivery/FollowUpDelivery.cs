using FollowUps.Internal;
using Microsoft.Extensions.Logging;

namespace FollowUps.Delivery;

/// <summary>
/// The last steps of the path a call takes, for one rendered follow-up: claim it in the store, send it, record the
/// outcome. Provider answers and exceptions become outcomes; a provider's opt-out becomes a suppression entry.
/// </summary>
internal sealed class FollowUpDelivery(IFollowUpStore store, TimeProvider time, ILogger logger)
{
    /// <summary>Claim, send, record. The claim and the record ignore cancellation, so a claim is never left without its outcome by the host.</summary>
    public async Task<FollowUpOutcome> DeliverAsync(CallCompleted call, Outbound outbound, CancellationToken cancellationToken)
    {
        var (key, prepared, recipientKind, sender, send) = outbound;
        if (cancellationToken.IsCancellationRequested)
        {
            return prepared with { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.Cancelled, Detail = "The host cancelled before this follow-up was claimed; a later call can still send it." };
        }

        try
        {
            if (!await store.TryClaimAsync(key, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            {
                return await ClaimLostAsync(key, prepared).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, call.CallId);
            return prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.StoreUnavailable, Detail = $"The follow-up could not be claimed, so nothing was sent: {ex.Message}" };
        }

        var outcome = await SendAsync(call, prepared, sender, send, cancellationToken).ConfigureAwait(false);
        if (outcome.Reason == OutcomeReason.RecipientOptedOut)
        {
            await SuppressAsync(call, new SuppressionTarget(recipientKind, prepared.Recipient!)).ConfigureAwait(false);
        }

        try
        {
            await store.CompleteAsync(key, outcome, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, call.CallId);
        }

        return outcome;
    }

    /// <summary>Why the claim was lost: sent (or being sent) already, or an earlier attempt that failed.</summary>
    private async Task<FollowUpOutcome> ClaimLostAsync(FollowUpKey key, FollowUpOutcome prepared)
    {
        var earlier = await FindQuietlyAsync(key).ConfigureAwait(false);
        return earlier is { State: FollowUpState.Failed or FollowUpState.Unknown, Outcome: var failed }
            ? prepared with
            {
                Status = OutcomeStatus.Skipped,
                Reason = OutcomeReason.AlreadyAttempted,
                Detail = $"An earlier attempt failed ({failed?.Reason}: {failed?.Detail}); it is not sent again blindly.",
            }
            : prepared with
            {
                Status = OutcomeStatus.Skipped,
                Reason = OutcomeReason.AlreadySent,
                Detail = "This contact already got this follow-up for this campaign (or a concurrent call is sending it).",
            };
    }

    private async Task<FollowUpRecord?> FindQuietlyAsync(FollowUpKey key)
    {
        try
        {
            return await store.FindAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, key.ToString());
            return null;
        }
    }

    private async Task<FollowUpOutcome> SendAsync(CallCompleted call, FollowUpOutcome prepared, string sender, Func<CancellationToken, Task<SendResult>> send, CancellationToken cancellationToken)
    {
        SendResult? result;
        try
        {
            result = await send(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.Cancelled, Detail = "The host cancelled while the message was being sent; it may or may not have left." };
        }
        catch (Exception ex)
        {
            Log.SenderThrew(logger, ex, call.CallId, prepared.Kind);
            return prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Detail = $"The sender threw {ex.GetType().Name}: {ex.Message}" };
        }

        var (status, reason) = result?.Status switch
        {
            SendStatus.Sent => (OutcomeStatus.Sent, OutcomeReason.None),
            SendStatus.TransientFailure => (OutcomeStatus.Failed, OutcomeReason.TransientFailure),
            SendStatus.PermanentFailure => (OutcomeStatus.Failed, OutcomeReason.PermanentFailure),
            SendStatus.RecipientOptedOut => (OutcomeStatus.Failed, OutcomeReason.RecipientOptedOut),
            SendStatus.Unknown => (OutcomeStatus.Unknown, OutcomeReason.NoProviderAnswer),
            _ => (OutcomeStatus.Failed, OutcomeReason.SenderError),
        };
        return status == OutcomeStatus.Sent
            ? prepared with { Status = status, Reason = reason, ProviderMessageId = result!.ProviderMessageId }
            : prepared with { Status = status, Reason = reason, Detail = Explain(result, sender) };
    }

    /// <summary>The sender's own explanation, or a sentence naming the sender when it gave none: every failure says something.</summary>
    private static string Explain(SendResult? result, string sender) => result switch
    {
        { Error: { } error } when !string.IsNullOrWhiteSpace(error) => error,
        { Status: SendStatus.TransientFailure } => $"{sender} reported a temporary failure without saying why; nothing was sent.",
        { Status: SendStatus.PermanentFailure } => $"{sender} reported that the provider refused the message, without saying why.",
        { Status: SendStatus.RecipientOptedOut } => $"{sender} reported that the recipient opted out with the provider, without saying more.",
        { Status: SendStatus.Unknown } => $"{sender} got no answer from the provider and said nothing more; the message may or may not have left.",
        _ => $"{sender} returned no usable result.",
    };

    private async Task SuppressAsync(CallCompleted call, SuppressionTarget target)
    {
        try
        {
            var entry = new SuppressionEntry { AccountId = call.AccountId, Target = target, Reason = SuppressionReason.ProviderOptOut, CreatedAt = time.GetUtcNow() };
            await store.AddSuppressionAsync(entry, CancellationToken.None).ConfigureAwait(false);
            Log.Suppressed(logger, call.AccountId, Redact.Recipient(target.Value), entry.Reason);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(logger, ex, call.CallId);
        }
    }
}
