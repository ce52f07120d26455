namespace FollowUps.Outbox;

/// <summary>
/// How an unknown send is settled (README, "Unknown sends"). Pure.
/// <list type="table">
/// <item><term>a delivery report for its last attempt</term><description>sent: the provider has the message</description></item>
/// <item><term>found</term><description>sent, with the provider's message id</description></item>
/// <item><term>absent</term><description>waiting for a new attempt, due now (expired when out of attempts or time); cancelled when an operator asked to cancel it unless it went</description></item>
/// <item><term>cannot tell, or nobody to ask</term><description>unknown, looked at again later, less often as it ages (<see cref="NextQuestion"/>); expired unknown at the deadline</description></item>
/// </list>
/// </summary>
internal static class Reconciling
{
    /// <summary>The longest wait between two questions about one unknown send.</summary>
    private static readonly TimeSpan MaxQuestionInterval = TimeSpan.FromHours(1);

    /// <summary>The proof a follow-up carries itself: a delivery report about its last attempt says the provider has the message.</summary>
    public static Reconciliation? FromDelivery(FollowUpRecord record) =>
        record.Delivery is { } report && report.IsAboutLastAttemptOf(record)
            ? Reconciliation.Found(report.ProviderMessageId, $"The provider reported message {report.ProviderMessageId} of attempt {record.Attempts} as {report.Status}, so it was sent.")
            : null;

    /// <summary><paramref name="unknown"/> after <paramref name="answer"/>; <paramref name="last"/> is its outcome so far.</summary>
    public static FollowUpRecord Next(FollowUpRecord unknown, FollowUpOutcome last, Reconciliation answer, DateTimeOffset now, FollowUpDeliveryOptions options)
    {
        switch (answer.Verdict)
        {
            case ReconciliationVerdict.Found:
                return OutboxRules.Ended(unknown, FollowUpState.Sent, last with
                {
                    Status = OutcomeStatus.Sent,
                    Reason = OutcomeReason.None,
                    ProviderMessageId = answer.ProviderMessageId,
                    Detail = answer.Detail,
                }, now);

            case ReconciliationVerdict.Absent when OutboxRules.IsCancelRequested(unknown):
                return OutboxRules.CancelledAsRequested(unknown, answer.Detail, now);

            case ReconciliationVerdict.Absent:
                var notSent = last with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.TransientFailure, Detail = answer.Detail };
                return unknown.Attempts >= options.MaxAttempts || now >= unknown.Deadline
                    ? Settlement.Expired(unknown, notSent, now, options)
                    : RetryNow(unknown, notSent with { Detail = $"{answer.Detail} It is sent again." }, now);

            default:
                var still = last with { Detail = answer.Detail };
                return now >= unknown.Deadline
                    ? Settlement.Expired(unknown, still, now, options)
                    : AskLater(unknown with { Outcome = still }, NextQuestion(unknown, answer.AskAgainAfter, now, options), now);
        }
    }

    /// <summary>
    /// <paramref name="unknown"/> with nobody to ask: it is looked at again now and then (<see cref="NextQuestion"/>), and
    /// expires unknown at its deadline unless a delivery report (which makes it due at once) or an operator settles it first.
    /// </summary>
    public static FollowUpRecord Rest(FollowUpRecord unknown, FollowUpOutcome last, DateTimeOffset now, FollowUpDeliveryOptions options) =>
        now >= unknown.Deadline
            ? Settlement.Expired(unknown, last, now, options)
            : AskLater(unknown, NextQuestion(unknown, null, now, options), now);

    /// <summary>
    /// How long until <paramref name="unknown"/> is asked about again: when the provider said (<paramref name="told"/>), at
    /// least a tenth of <see cref="FollowUpDeliveryOptions.ReconcileInterval"/>; else half the attempt's age, from the
    /// interval up to an hour, so one that stays unknown for a day is asked about some thirty times, not once a minute.
    /// </summary>
    public static TimeSpan NextQuestion(FollowUpRecord unknown, TimeSpan? told, DateTimeOffset now, FollowUpDeliveryOptions options)
    {
        if (told is { } after)
        {
            return after > options.ReconcileInterval / 10 ? after : options.ReconcileInterval / 10;
        }

        var half = (now - (unknown.AttemptStartedAt ?? unknown.ClaimedAt)) / 2;
        return half < options.ReconcileInterval ? options.ReconcileInterval : half > MaxQuestionInterval ? MaxQuestionInterval : half;
    }

    /// <summary><paramref name="unknown"/>, released, to be asked about again after <paramref name="after"/> (never past its deadline).</summary>
    public static FollowUpRecord AskLater(FollowUpRecord unknown, TimeSpan after, DateTimeOffset now) => unknown with
    {
        LeaseOwner = null,
        LeaseExpiresAt = null,
        DueAt = now + after < unknown.Deadline ? now + after : unknown.Deadline,
        WaitReason = WaitReason.None,
        CompletedAt = null,
    };

    /// <summary><paramref name="record"/>, released, waiting for a new attempt due at once, with <paramref name="outcome"/>.</summary>
    public static FollowUpRecord RetryNow(FollowUpRecord record, FollowUpOutcome outcome, DateTimeOffset now) => record with
    {
        State = FollowUpState.Waiting,
        LeaseOwner = null,
        LeaseExpiresAt = null,
        DueAt = now,
        WaitReason = WaitReason.Retry,
        CompletedAt = null,
        Outcome = outcome,
    };
}
