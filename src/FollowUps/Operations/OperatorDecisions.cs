using FollowUps.Outbox;

namespace FollowUps.Operations;

/// <summary>What an operator's action makes of a follow-up, with who asked and why in its outcome. Pure.</summary>
internal static class OperatorDecisions
{
    /// <summary>Why an operator may not settle <paramref name="record"/>, or <see langword="null"/> when they may: it is unknown, or expired while unknown.</summary>
    public static string? WhyNotSettle(FollowUpRecord record) =>
        record.State == FollowUpState.Unknown || (record.State == FollowUpState.Expired && record.Outcome?.Status == OutcomeStatus.Unknown)
            ? null
            : $"It is {record.State}{(record.Outcome is { } outcome ? $" ({outcome.Status})" : "")}, not unknown: there is nothing to settle.";

    /// <summary>
    /// Why an operator may not settle <paramref name="record"/> as not sent, or <see langword="null"/> when they may: also
    /// refused when a delivery report about its last attempt proves the provider has the message.
    /// </summary>
    public static string? WhyNotSettleAsNotSent(FollowUpRecord record) =>
        WhyNotSettle(record) ?? (Reconciling.FromDelivery(record) is null ? null
            : $"The provider reported message {record.Delivery!.ProviderMessageId} of its last attempt as {record.Delivery.Status}: it was sent, so it is not sent again. Settle it as sent, or leave it: the dispatcher records it as sent.");

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
    public static FollowUpRecord NotSent(FollowUpRecord record, OperatorNote note, DateTimeOffset now) =>
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
