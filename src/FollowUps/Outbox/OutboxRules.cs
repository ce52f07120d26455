namespace FollowUps.Outbox;

/// <summary>The outbox's shared rules, as every store applies them: which follow-ups need a worker, and how one ends cancelled. Pure.</summary>
internal static class OutboxRules
{
    /// <summary>
    /// Whether a dispatcher should lease <paramref name="record"/> at <paramref name="now"/>: nobody holds it (or the lease
    /// ended) and it is waiting and due, claimed and due, or unknown and due to be asked about (or, written before it had
    /// a due time, past its deadline); or it is sending with a lease that ended (its sender stopped).
    /// </summary>
    public static bool NeedsWorker(FollowUpRecord record, DateTimeOffset now) => record.State switch
    {
        FollowUpState.Waiting => IsFree(record, now) && record.DueAt <= now,
        FollowUpState.Claimed => IsFree(record, now) && (record.DueAt ?? record.ClaimedAt) <= now,
        FollowUpState.Sending => record.LeaseExpiresAt <= now,
        FollowUpState.Unknown => IsFree(record, now) && (record.DueAt ?? record.Deadline) <= now,
        _ => false,
    };

    /// <summary>
    /// <paramref name="record"/> with a delivery report about its last attempt applied at <paramref name="now"/>. A waiting
    /// or unknown one is also released and due at once: a worker holding it cannot start another attempt (its
    /// compare-and-set fails), and the next dispatcher records it as sent.
    /// </summary>
    public static FollowUpRecord Reported(FollowUpRecord record, DeliveryReport report, DateTimeOffset now) =>
        record.State is FollowUpState.Waiting or FollowUpState.Unknown
            ? record with { Delivery = report, LeaseOwner = null, LeaseExpiresAt = null, DueAt = now }
            : record with { Delivery = report };

    /// <summary>The order follow-ups are listed in (<see cref="IFollowUpStore.ListAsync"/>): oldest claim first, then campaign, contact and kind, ordinal.</summary>
    public static int ListOrder(FollowUpRecord x, FollowUpRecord y) => ListOrder(FollowUpCursor.After(x), FollowUpCursor.After(y));

    /// <summary>The list order of the follow-ups at two cursors.</summary>
    public static int ListOrder(FollowUpCursor x, FollowUpCursor y)
    {
        var order = x.ClaimedAt.UtcTicks.CompareTo(y.ClaimedAt.UtcTicks);
        order = order != 0 ? order : string.CompareOrdinal(x.Key.CampaignId, y.Key.CampaignId);
        order = order != 0 ? order : string.CompareOrdinal(x.Key.ContactId, y.Key.ContactId);
        return order != 0 ? order : x.Key.Kind.CompareTo(y.Key.Kind);
    }

    /// <summary>Whether nobody holds <paramref name="record"/> at <paramref name="now"/>: no lease, or one that ended.</summary>
    private static bool IsFree(FollowUpRecord record, DateTimeOffset now) => record.LeaseOwner is null || record.LeaseExpiresAt <= now;

    /// <summary>
    /// Whether an operator asked to cancel <paramref name="record"/> unless it went (<see cref="FollowUpRecord.CancelRequest"/>):
    /// a retry is then cancelled before it goes, and an unknown send the provider says never went is cancelled, not sent again.
    /// </summary>
    public static bool IsCancelRequested(FollowUpRecord record) => record.CancelRequest is not null;

    /// <summary><paramref name="record"/> cancelled as its <see cref="FollowUpRecord.CancelRequest"/> asked, with <paramref name="why"/> before the request's own sentence.</summary>
    public static FollowUpRecord CancelledAsRequested(FollowUpRecord record, string why, DateTimeOffset now) =>
        Cancelled(record, record.CancelRequest! with { Kind = record.Key.Kind, Status = OutcomeStatus.Skipped, Detail = $"{why} It is not sent: {record.CancelRequest!.Detail}" }, now);

    /// <summary>Why a follow-up was cancelled by <paramref name="entry"/>, for its outcome.</summary>
    public static string CancelledBy(SuppressionEntry entry) =>
        $"The contact joined the do-not-contact list (by {entry.Target.Kind}, {entry.Reason}) before this follow-up went.";

    /// <summary><paramref name="record"/> cancelled at <paramref name="now"/> with <paramref name="outcome"/>: nobody holds it, nothing is due.</summary>
    public static FollowUpRecord Cancelled(FollowUpRecord record, FollowUpOutcome outcome, DateTimeOffset now) => Ended(record, FollowUpState.Cancelled, outcome, now);

    /// <summary><paramref name="record"/> in a state it ends in, or rests in (unknown), with its outcome: nobody holds it, nothing is due.</summary>
    public static FollowUpRecord Ended(FollowUpRecord record, FollowUpState state, FollowUpOutcome outcome, DateTimeOffset now) => record with
    {
        State = state,
        LeaseOwner = null,
        LeaseExpiresAt = null,
        DueAt = null,
        WaitReason = WaitReason.None,
        CompletedAt = now,
        Outcome = outcome,
    };
}
