using FollowUps.Outbox;

namespace FollowUps.Operations;

/// <summary>What an operator's action makes of a follow-up, with who asked and why in its outcome. Pure.</summary>
internal static class OperatorDecisions
{
    /// <summary>
    /// Why an operator may not settle <paramref name="record"/> at <paramref name="now"/>, or <see langword="null"/> when
    /// they may: it is unknown, or expired while unknown, and no dispatcher is asking the provider about it right now.
    /// </summary>
    public static string? WhyNotSettle(FollowUpRecord record, DateTimeOffset now) =>
        !(record.State == FollowUpState.Unknown || (record.State == FollowUpState.Expired && record.Outcome?.Status == OutcomeStatus.Unknown))
            ? $"It is {record.State}{(record.Outcome is { } outcome ? $" ({outcome.Status})" : "")}, not unknown: there is nothing to settle."
            : record.LeaseOwner is not null && record.LeaseExpiresAt > now
                ? $"A dispatcher is asking the provider about it now (its hold ends by {record.LeaseExpiresAt:u}); read it again shortly and decide then."
                : null;

    /// <summary>
    /// Why an operator may not settle <paramref name="record"/> as not sent, or <see langword="null"/> when they may: also
    /// refused when a delivery report about its last attempt proves the provider has the message.
    /// </summary>
    public static string? WhyNotSettleAsNotSent(FollowUpRecord record, DateTimeOffset now) =>
        WhyNotSettle(record, now) ?? (Reconciling.FromDelivery(record) is null ? null
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
        record.State != FollowUpState.Unknown || now > record.Deadline
            ? OutboxRules.Ended(record, FollowUpState.Expired, Decided(record, note, OutcomeStatus.Failed, "settled as not sent; its deadline passed, so it is not sent again"), now)
            : OutboxRules.IsCancelRequested(record)
                ? OutboxRules.CancelledAsRequested(record, $"Settled as not sent by {note.By}: {note.Reason}", now)
                : Reconciling.RetryNow(record, Decided(record, note, OutcomeStatus.Failed, "settled as not sent; it is sent again"), now);

    /// <summary>
    /// What cancelling for a paused campaign or a suspended account makes of <paramref name="record"/>, or
    /// <see langword="null"/> when it is left alone: claimed or waiting, cancelled before it went; sending or unknown, it may
    /// go or have gone, so it gets a cancel request (<see cref="FollowUpRecord.CancelRequest"/>): a retry is cancelled
    /// before it goes, and one the provider says never went is cancelled; one that went is recorded as sent. One that went
    /// (a report about its last attempt came), already has a request, or ended is left alone.
    /// </summary>
    public static FollowUpRecord? CancelledUnlessItWent(FollowUpRecord record, OperatorNote note, DateTimeOffset now)
    {
        if (Reconciling.FromDelivery(record) is not null || OutboxRules.IsCancelRequested(record))
        {
            return null;
        }

        var request = Decided(record, note, OutcomeStatus.Unknown, "to be cancelled unless it went; it may have, so the provider's answer decides");
        return record.State switch
        {
            FollowUpState.Claimed or FollowUpState.Waiting => OutboxRules.Cancelled(record, Decided(record, note, OutcomeStatus.Skipped, "cancelled before it went"), now),

            // The sender holds it: only the request (kept whatever the send writes) and the outcome, for the history.
            FollowUpState.Sending => record with { CancelRequest = request, Outcome = request },

            // Released and due now: a dispatcher asking about it meanwhile loses its write, and the next one asks knowing.
            FollowUpState.Unknown => record with { CancelRequest = request, Outcome = request, LeaseOwner = null, LeaseExpiresAt = null, DueAt = now },
            _ => null,
        };
    }

    private static FollowUpOutcome Decided(FollowUpRecord record, OperatorNote note, OutcomeStatus status, string what) =>
        (record.Outcome ?? FollowUpOutcome.Skipped(record.Key.Kind, OutcomeReason.None)) with
        {
            Status = status,
            Reason = OutcomeReason.OperatorDecision,
            Detail = $"By hand, {what}, by {note.By}: {note.Reason}",
            DecidedBy = note.By,
        };
}
