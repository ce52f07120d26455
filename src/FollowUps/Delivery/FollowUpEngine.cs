using FollowUps.Internal;
using FollowUps.Normalization;
using FollowUps.Rules;
using FollowUps.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUps.Delivery;

/// <summary>
/// The one path a call takes: normalise, look up the do-not-contact list, plan (pure), render, claim, send,
/// record. Every failure past argument checks becomes an outcome; nothing throws into the host.
/// </summary>
internal sealed class FollowUpEngine(
    IFollowUpStore store,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    ILogger<FollowUpEngine>? logger = null,
    ISmsSender? smsSender = null,
    IEmailSender? emailSender = null) : IFollowUpEngine
{
    private readonly FollowUpOptions _defaults = options.Value;
    private readonly ILogger _logger = logger ?? NullLogger<FollowUpEngine>.Instance;

    public CampaignValidationResult ValidateCampaign(CampaignFollowUpSettings campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return CampaignValidator.Validate(campaign, _defaults);
    }

    public async Task<FollowUpReport> HandleCallCompletedAsync(CallCompleted call, CampaignFollowUpSettings campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(campaign);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = Telemetry.Source.StartActivity("FollowUps.HandleCallCompleted");
        activity?.SetTag("followups.call_id", call.CallId);

        FollowUpPlan plan;
        string? storeProblem = null;
        try
        {
            var callProblem = CallValidator.FindProblem(call);
            var addresses = ContactAddresses.Of(call, _defaults.DefaultRegion);
            SuppressionEntry? suppression = null;
            if (callProblem is null)
            {
                try
                {
                    suppression = await store.FindSuppressionAsync(call.AccountId, addresses.SuppressionTargets(call.Contact.Id), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!IsHostCancellation(ex, cancellationToken))
                {
                    Log.StoreFailed(_logger, ex, call.CallId);
                    storeProblem = $"The do-not-contact list could not be read, so nothing was sent: {ex.Message}";
                }
            }

            plan = FollowUpPlanner.Plan(new PlanningInput(call, callProblem, campaign, _defaults, addresses, suppression, time.GetUtcNow()));
        }
        catch (Exception ex) when (!IsHostCancellation(ex, cancellationToken))
        {
            // A record that cannot even be read (a list that throws, one changed while read) is bad input, not a crash.
            plan = FollowUpPlan.SkipAll(OutcomeReason.InvalidCall, $"The call record could not be read: {ex.Message}");
        }

        var outcomes = new Dictionary<FollowUpKind, FollowUpOutcome>(3);
        foreach (var decision in plan.All)
        {
            // Without the do-not-contact list nothing may be sent; what the rules skip anyway stays a skip.
            var outcome = storeProblem is not null && decision is not Skip
                ? Failure(decision.Kind, OutcomeReason.StoreUnavailable, storeProblem)
                : await ExecuteAsync(call, decision, cancellationToken).ConfigureAwait(false);
            LogOutcome(call.CallId ?? "", outcome);
            outcomes[decision.Kind] = outcome;
        }

        return Report(call, kind => outcomes[kind]);
    }

    private async Task<FollowUpOutcome> ExecuteAsync(CallCompleted call, Decision decision, CancellationToken cancellationToken)
    {
        if (decision is Skip skip)
        {
            return FollowUpOutcome.Skipped(skip.Kind, skip.Reason, skip.Detail);
        }

        var hasSender = decision.Kind == FollowUpKind.Sms ? smsSender is not null : emailSender is not null;
        if (!hasSender)
        {
            Log.NoSender(_logger, decision.Kind, call.CallId);
            var port = decision.Kind == FollowUpKind.Sms ? nameof(ISmsSender) : nameof(IEmailSender);
            return FollowUpOutcome.Skipped(decision.Kind, OutcomeReason.NoSenderConfigured, $"No {port} is registered; add an adapter to the FollowUps builder.");
        }

        Outbound outbound;
        try
        {
            outbound = Render(call, decision);
        }
        catch (Exception ex)
        {
            Log.RenderFailed(_logger, ex, call.CallId, decision.Kind);
            return Failure(decision.Kind, OutcomeReason.RenderFailed, $"The message could not be rendered ({ex.GetType().Name}: {ex.Message}); nothing was sent.");
        }

        return outbound.OverBudget
            ? outbound.Prepared with
            {
                Status = OutcomeStatus.Skipped,
                Reason = OutcomeReason.OverSegmentBudget,
                Detail = $"The text needs {outbound.Prepared.SmsMeasure} - over the account's budget of {_defaults.MaxSmsSegments} segments, even shortened.",
            }
            : await DeliverAsync(call, outbound, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message a send decision makes, and how to send it.</summary>
    private Outbound Render(CallCompleted call, Decision decision)
    {
        switch (decision)
        {
            case SendSms sms:
                var composed = SmsComposer.Compose(sms.Template, sms.Slots, _defaults.MaxSmsSegments);
                var message = new SmsMessage
                {
                    Key = KeyOf(call, FollowUpKind.Sms),
                    To = sms.To,
                    Body = composed.Text,
                    Template = sms.Template,
                };
                return new Outbound(
                    message.Key,
                    Prepared(FollowUpKind.Sms, sms.To) with { Template = sms.Template, Text = message.Body, SmsMeasure = composed.Measure },
                    SuppressionTargetKind.Phone,
                    ct => smsSender!.SendAsync(message, ct))
                {
                    OverBudget = !composed.FitsBudget,
                };

            case SendEmail email:
                var mail = EmailComposer.Compose(KeyOf(call, email.Kind), email.To, email.Draft);
                return new Outbound(
                    mail.Key,
                    Prepared(email.Kind, email.To) with { Subject = mail.Subject, Text = mail.TextBody },
                    SuppressionTargetKind.Email,
                    ct => emailSender!.SendAsync(mail, ct));

            default:
                throw new InvalidOperationException($"Unknown decision {decision.GetType().Name}.");
        }
    }

    /// <summary>Claim, send, record. The claim and the record ignore cancellation, so a claim is never left without its outcome by the host.</summary>
    private async Task<FollowUpOutcome> DeliverAsync(CallCompleted call, Outbound outbound, CancellationToken cancellationToken)
    {
        var (key, prepared, recipientKind, send) = outbound;
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
            Log.StoreFailed(_logger, ex, call.CallId);
            return prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.StoreUnavailable, Detail = $"The follow-up could not be claimed, so nothing was sent: {ex.Message}" };
        }

        var outcome = await SendAsync(call, prepared, send, cancellationToken).ConfigureAwait(false);
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
            Log.StoreFailed(_logger, ex, call.CallId);
        }

        return outcome;
    }

    /// <summary>Why the claim was lost: sent (or being sent) already, or an earlier attempt that failed.</summary>
    private async Task<FollowUpOutcome> ClaimLostAsync(FollowUpKey key, FollowUpOutcome prepared)
    {
        var earlier = await FindQuietlyAsync(key).ConfigureAwait(false);
        return earlier is { State: FollowUpState.Failed, Outcome: var failed }
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
            Log.StoreFailed(_logger, ex, key.ToString());
            return null;
        }
    }

    private async Task<FollowUpOutcome> SendAsync(CallCompleted call, FollowUpOutcome prepared, Func<CancellationToken, Task<SendResult>> send, CancellationToken cancellationToken)
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
            Log.SenderThrew(_logger, ex, call.CallId, prepared.Kind);
            return prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Detail = $"The sender threw {ex.GetType().Name}: {ex.Message}" };
        }

        return result switch
        {
            { Status: SendStatus.Sent } => prepared with { Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = result.ProviderMessageId },
            { Status: SendStatus.TransientFailure } => prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.TransientFailure, Detail = result.Error },
            { Status: SendStatus.PermanentFailure } => prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.PermanentFailure, Detail = result.Error },
            { Status: SendStatus.RecipientOptedOut } => prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.RecipientOptedOut, Detail = result.Error },
            _ => prepared with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Detail = "The sender returned no usable result." },
        };
    }

    private async Task SuppressAsync(CallCompleted call, SuppressionTarget target)
    {
        try
        {
            var entry = new SuppressionEntry { AccountId = call.AccountId, Target = target, Reason = SuppressionReason.ProviderOptOut, CreatedAt = time.GetUtcNow() };
            await store.AddSuppressionAsync(entry, CancellationToken.None).ConfigureAwait(false);
            Log.Suppressed(_logger, call.AccountId, Redact.Recipient(target.Value), entry.Reason);
        }
        catch (Exception ex)
        {
            Log.StoreFailed(_logger, ex, call.CallId);
        }
    }

    private void LogOutcome(string callId, FollowUpOutcome outcome)
    {
        Telemetry.Record(outcome);
        switch (outcome.Status)
        {
            case OutcomeStatus.Sent:
                Log.Sent(_logger, callId, outcome.Kind, Redact.Recipient(outcome.Recipient), outcome.ProviderMessageId);
                break;
            case OutcomeStatus.Failed:
                Log.Failed(_logger, callId, outcome.Kind, Redact.Recipient(outcome.Recipient), outcome.Reason);
                break;
            default:
                Log.Skipped(_logger, callId, outcome.Kind, outcome.Reason);
                break;
        }
    }

    private static FollowUpKey KeyOf(CallCompleted call, FollowUpKind kind) => new(call.AccountId, call.CampaignId, call.Contact.Id, kind);

    /// <summary>A rendered follow-up's outcome before its send: failed until the sender says sent, so no path reports a send by default.</summary>
    private static FollowUpOutcome Prepared(FollowUpKind kind, string recipient) =>
        new() { Kind = kind, Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Recipient = recipient };

    private static bool IsHostCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private static FollowUpOutcome Failure(FollowUpKind kind, OutcomeReason reason, string detail) =>
        new() { Kind = kind, Status = OutcomeStatus.Failed, Reason = reason, Detail = detail };

    /// <summary>A rendered follow-up: its key, its outcome if sent, what kind of address it goes to, and its send.</summary>
    private sealed record Outbound(
        FollowUpKey Key,
        FollowUpOutcome Prepared,
        SuppressionTargetKind RecipientKind,
        Func<CancellationToken, Task<SendResult>> Send)
    {
        /// <summary>An SMS that does not fit the segment budget even shortened: not sent, not claimed.</summary>
        public bool OverBudget { get; init; }
    }

    private static FollowUpReport Report(CallCompleted call, Func<FollowUpKind, FollowUpOutcome> outcomeOf) => new()
    {
        CallId = call.CallId ?? "",
        ContactId = call.Contact?.Id ?? "",
        Sms = outcomeOf(FollowUpKind.Sms),
        Email = outcomeOf(FollowUpKind.Email),
        MissedCallEmail = outcomeOf(FollowUpKind.MissedCallEmail),
    };
}
