using FollowUps.Accounts;
using FollowUps.Internal;
using FollowUps.Normalization;
using FollowUps.Rules;
using FollowUps.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUps.Delivery;

/// <summary>
/// The one path a call takes: normalise, look up the do-not-contact list, plan (pure), render, claim (the outbox
/// stores the rendered message), send, record. Every failure past argument checks becomes an outcome; nothing throws
/// into the host.
/// </summary>
internal sealed class FollowUpEngine(
    IFollowUpStore store,
    ISuppressionStore suppressions,
    IOptions<FollowUpOptions> options,
    IOptions<FollowUpDeliveryOptions> delivery,
    TimeProvider time,
    ILogger<FollowUpEngine>? logger = null,
    ISmsSender? smsSender = null,
    IEmailSender? emailSender = null,
    AccountDirectory? accounts = null) : IFollowUpEngine
{
    private readonly FollowUpOptions _defaults = options.Value;

    /// <summary>The registered settings, for a call whose account cannot be read at all (it has no account id).</summary>
    private readonly ResolvedAccount _registered = new(options.Value, smsSender, emailSender);

    private readonly AccountDirectory _accounts = accounts ?? new AccountDirectory(new OptionsAccounts(options), Options.Create(new FollowUpAccountsOptions()), options, time, senders: new(smsSender, emailSender));
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly FollowUpDelivery _delivery = new(store, suppressions, time, delivery.Value, (ILogger?)logger ?? NullLogger.Instance);

    public CampaignValidationResult ValidateCampaign(CampaignFollowUpSettings campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return CampaignValidator.Validate(campaign, _defaults);
    }

    public async Task<CampaignValidationResult> ValidateCampaignAsync(string accountId, CampaignFollowUpSettings campaign, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(campaign);
        var lookup = await _accounts.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        return lookup.Account is { } account
            ? CampaignValidator.Validate(campaign, account.Settings)
            : new CampaignValidationResult { Errors = [new FieldError(nameof(CallCompleted.AccountId), lookup.Problem)] };
    }

    public Task<FollowUpReport> HandleCallCompletedAsync(CallCompleted call, CampaignFollowUpSettings campaign, CancellationToken cancellationToken = default) =>
        RunAsync(call, campaign, sendNow: true, cancellationToken);

    public Task<FollowUpReport> EnqueueCallCompletedAsync(CallCompleted call, CampaignFollowUpSettings campaign, CancellationToken cancellationToken = default) =>
        RunAsync(call, campaign, sendNow: false, cancellationToken);

    private async Task<FollowUpReport> RunAsync(CallCompleted call, CampaignFollowUpSettings campaign, bool sendNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(campaign);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = Telemetry.Source.StartActivity("FollowUps.HandleCallCompleted");
        activity?.SetTag("followups.call_id", call.CallId);

        // The call's account: its settings fill what the campaign leaves blank. Without usable settings nothing is planned.
        var account = _registered;
        var callProblem = CallValidator.FindProblem(call);
        if (callProblem is null)
        {
            var lookup = await _accounts.GetAsync(call.AccountId, cancellationToken).ConfigureAwait(false);
            if (lookup.Account is null)
            {
                return Unplanned(call, lookup);
            }

            account = lookup.Account;
        }

        FollowUpPlan plan;
        IReadOnlyCollection<SuppressionTarget> targets = [];
        string? storeProblem = null;
        try
        {
            var addresses = ContactAddresses.Of(call, account.Settings.DefaultRegion);
            SuppressionEntry? suppression = null;
            if (callProblem is null)
            {
                targets = addresses.SuppressionTargets(call.Contact.Id);
                try
                {
                    suppression = await suppressions.FindSuppressionAsync(call.AccountId, targets, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!IsHostCancellation(ex, cancellationToken))
                {
                    Log.StoreFailed(_logger, ex, call.CallId);
                    storeProblem = $"The do-not-contact list could not be read, so nothing was sent: {ex.Message}";
                }
            }

            plan = FollowUpPlanner.Plan(new PlanningInput(call, callProblem, campaign, account.Settings, addresses, suppression, time.GetUtcNow()));
        }
        catch (Exception ex) when (!IsHostCancellation(ex, cancellationToken))
        {
            // A record that cannot even be read (a list that throws, one changed while read) is bad input, not a crash.
            plan = FollowUpPlan.SkipAll(OutcomeReason.InvalidCall, $"The call record could not be read: {ex.Message}");
        }

        // Without the do-not-contact list nothing may be sent; what the rules skip anyway stays a skip.
        // The call's sends share one lease owner: owners differ between calls, and each follow-up has one key.
        Sends? sends = storeProblem is null ? new Sends(account, targets, sendNow && plan.HasSend ? _delivery.NewOwner() : null) : null;
        return new FollowUpReport
        {
            CallId = call.CallId ?? "",
            ContactId = call.Contact?.Id ?? "",
            Sms = await DecideAsync(call, plan.Sms, sends, storeProblem, cancellationToken).ConfigureAwait(false),
            Email = await DecideAsync(call, plan.Email, sends, storeProblem, cancellationToken).ConfigureAwait(false),
            MissedCallEmail = await DecideAsync(call, plan.MissedCallEmail, sends, storeProblem, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The outcome of one decision, logged and counted: a skip as planned, a send done through <paramref name="sends"/>, or, without them, a failure naming <paramref name="storeProblem"/>.</summary>
    private async ValueTask<FollowUpOutcome> DecideAsync(CallCompleted call, Decision decision, Sends? sends, string? storeProblem, CancellationToken cancellationToken)
    {
        var outcome = decision switch
        {
            Skip skip => skip.Outcome,
            _ when sends is null => Failure(decision.Kind, OutcomeReason.StoreUnavailable, storeProblem!),
            _ => await ExecuteAsync(call, decision, sends.Value, cancellationToken).ConfigureAwait(false),
        };
        LogOutcome(call.CallId ?? "", outcome);
        return outcome;
    }

    private async ValueTask<FollowUpOutcome> ExecuteAsync(CallCompleted call, Decision decision, Sends sends, CancellationToken cancellationToken)
    {
        var account = sends.Account;

        var hasSender = decision.Kind == FollowUpKind.Sms ? account.Sms is not null : account.Email is not null;
        if (!hasSender)
        {
            Log.NoSender(_logger, decision.Kind, call.CallId);
            var port = decision.Kind == FollowUpKind.Sms ? nameof(ISmsSender) : nameof(IEmailSender);
            return FollowUpOutcome.Skipped(decision.Kind, OutcomeReason.NoSenderConfigured, $"No {port} is registered; add an adapter to the FollowUps builder.");
        }

        Outbound outbound;
        try
        {
            outbound = Render(call, account, decision, _defaults.UnsubscribeSigningKey); // Links are signed with the registered key.
        }
        catch (Exception ex)
        {
            Log.RenderFailed(_logger, ex, call.CallId, decision.Kind);
            return Failure(decision.Kind, OutcomeReason.RenderFailed, $"The message could not be rendered ({ex.GetType().Name}: {ex.Message}); nothing was sent.");
        }

        return outbound.OverBudget
            ? OverBudget(outbound, account.Settings.MaxSmsSegments)
            : await _delivery.DeliverAsync(call, outbound, sends.Targets, sends.LeaseOwner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message a send decision makes, and how to send it.</summary>
    private static Outbound Render(CallCompleted call, ResolvedAccount account, Decision decision, string? signingKey)
    {
        switch (decision)
        {
            case SendSms sms:
                var composed = SmsComposer.Compose(sms.Template, sms.Slots, account.Settings.MaxSmsSegments);
                var message = new SmsMessage { Key = KeyOf(call, FollowUpKind.Sms), To = sms.To, Body = composed.Text, Template = sms.Template };
                return Outbound.Of(message, composed.Measure, account.Sms!, overBudget: !composed.FitsBudget);

            case SendEmail email:
                return Outbound.Of(account.Emails.Compose(KeyOf(call, email.Kind), email.To, email.Draft, signingKey), account.Email!);

            default:
                throw new InvalidOperationException($"Unknown decision {decision.GetType().Name}.");
        }
    }

    /// <summary>The skip of an SMS over the account's segment budget, even shortened.</summary>
    private static FollowUpOutcome OverBudget(Outbound outbound, int maxSegments)
    {
        var skipped = outbound.Outcome(OutcomeStatus.Skipped, OutcomeReason.OverSegmentBudget);
        return skipped with { Detail = $"The text needs {skipped.SmsMeasure} - over the account's budget of {maxSegments} segments, even shortened." };
    }

    private void LogOutcome(string callId, FollowUpOutcome outcome)
    {
        Telemetry.Record(outcome);
        switch (outcome.Status)
        {
            case OutcomeStatus.Sent:
                Log.Sent(_logger, callId, outcome.Kind, Masked(LogLevel.Information), outcome.ProviderMessageId);
                break;
            case OutcomeStatus.Failed or OutcomeStatus.Unknown:
                Log.Failed(_logger, callId, outcome.Kind, Masked(LogLevel.Warning), outcome.Reason);
                break;
            default:
                Log.Skipped(_logger, callId, outcome.Kind, outcome.Reason);
                break;
        }

        // The masked recipient, made only for a log that takes it.
        string Masked(LogLevel level) => _logger.IsEnabled(level) ? Redact.Recipient(outcome.Recipient) : "";
    }

    private static FollowUpKey KeyOf(CallCompleted call, FollowUpKind kind) => new(call.AccountId, call.CampaignId, call.Contact.Id, kind);

    private static bool IsHostCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private static FollowUpOutcome Failure(FollowUpKind kind, OutcomeReason reason, string detail) =>
        new() { Kind = kind, Status = OutcomeStatus.Failed, Reason = reason, Detail = detail };


    /// <summary>The report of a call whose account cannot be used: every kind fails (an account that cannot be read now) or skips with the lookup's reason.</summary>
    private FollowUpReport Unplanned(CallCompleted call, AccountLookup lookup) => Unplanned(call, kind => lookup.Reason == OutcomeReason.AccountUnavailable
        ? Failure(kind, lookup.Reason, lookup.Detail)
        : FollowUpOutcome.Skipped(kind, lookup.Reason, lookup.Detail));

    /// <summary>The report of a call planned no further: every kind gets <paramref name="outcomeOf"/>, logged and counted.</summary>
    private FollowUpReport Unplanned(CallCompleted call, Func<FollowUpKind, FollowUpOutcome> outcomeOf)
    {
        var report = Report(call, outcomeOf);
        foreach (var outcome in report.Outcomes)
        {
            LogOutcome(call.CallId ?? "", outcome);
        }

        return report;
    }

    private static FollowUpReport Report(CallCompleted call, Func<FollowUpKind, FollowUpOutcome> outcomeOf) => new()
    {
        CallId = call.CallId ?? "",
        ContactId = call.Contact?.Id ?? "",
        Sms = outcomeOf(FollowUpKind.Sms),
        Email = outcomeOf(FollowUpKind.Email),
        MissedCallEmail = outcomeOf(FollowUpKind.MissedCallEmail),
    };

    /// <summary>What a call's sends share: its account, its do-not-contact targets, and the lease they are claimed under when they go now (else none: the dispatcher sends them).</summary>
    private readonly record struct Sends(ResolvedAccount Account, IReadOnlyCollection<SuppressionTarget> Targets, string? LeaseOwner);
}
