using FollowUps.Outbox;

namespace FollowUps.Operations;

/// <summary>What an operator's action makes of a follow-up, with who asked and why in its outcome. Pure.</summary>
internal static class OperatorDecisions
{
    /// <summary>Whether an operator may settle <paramref name="record"/>: it is unknown, or expired while unknown.</summary>
    public static bool MaySettle(FollowUpRecord record) =>
        record.State == FollowUpState.Unknown
        || (record.State == FollowUpState.Expired && record.Outcome?.Status == OutcomeStatus.Unknown);

    /// <summary>Settled as sent: the operator saw the message at the provider.</summary>
    public static FollowUpRecord Sent(FollowUpRecord record, OperatorNote note, string? providerMessageId, DateTimeOffset now) =>
        OutboxRules.Ended(record, FollowUpState.Sent, Decided(record, note, OutcomeStatus.Sent, "settled as sent") with
        {
            ProviderMessageId = string.IsNullOrWhiteSpace(providerMessageId) ? record.Outcome?.ProviderMessageId : providerMessageId.Trim(),
        }, now);

    /// <summary>
    /// Settled as not sent: an unknown one waits for a new attempt, due now; one that expired while unknown stays
    /// expired, now known not sent (its deadline passed).
    /// </summary>
    public static FollowUpRecord NotSent(FollowUpRecord record, OperatorNote note, DateTimeOffset now, FollowUpDeliveryOptions options) =>
        record.State == FollowUpState.Unknown && now <= record.Deadline
            ? Reconciling.RetryNow(record, Decided(record, note, OutcomeStatus.Failed, "settled as not sent; it is sent again"), now)
            : OutboxRules.Ended(record, FollowUpState.Expired, Decided(record, note, OutcomeStatus.Failed, "settled as not sent; its deadline passed, so it is not sent again"), now);

    /// <summary>Cancelled before it went: a campaign paused, an account suspended.</summary>
    public static FollowUpRecord Cancelled(FollowUpRecord record, OperatorNote note, DateTimeOffset now) =>
        OutboxRules.Cancelled(record, Decided(record, note, OutcomeStatus.Skipped, "cancelled before it went"), now);

    private static FollowUpOutcome Decided(FollowUpRecord record, OperatorNote note, OutcomeStatus status, string what) =>
        (record.Outcome ?? FollowUpOutcome.Skipped(record.Key.Kind, OutcomeReason.None)) with
        {
            Status = status,
            Reason = OutcomeReason.OperatorDecision,
            Detail = $"By hand, {what}, by {note.By}: {note.Reason}",
            DecidedBy = note.By,
        };
}
