namespace FollowUps;

/// <summary>
/// One line of a follow-up's history, the audit a store keeps: a change of its state, attempt or outcome, or a delivery
/// report about one of its messages. Stores append it in the same atomic write as the change it records, and never
/// change it afterwards. Immutable.
/// </summary>
public sealed record FollowUpHistoryEntry
{
    /// <summary>When it happened: the store's clock for a change, <see cref="DeliveryReport.ReceivedAt"/> for a report.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The follow-up's state after it.</summary>
    public required FollowUpState State { get; init; }

    /// <summary>The attempt it is about: the follow-up's attempt count after a change, the report's attempt for a report.</summary>
    public required int Attempt { get; init; }

    /// <summary>
    /// The outcome written by the change, with its reason, its sentence and, for a person's decision,
    /// <see cref="FollowUpOutcome.DecidedBy"/>; <see langword="null"/> for a claim and for a report.
    /// </summary>
    public FollowUpOutcome? Outcome { get; init; }

    /// <summary>The delivery report, for a report; <see langword="null"/> for a change.</summary>
    public DeliveryReport? Delivery { get; init; }
}
