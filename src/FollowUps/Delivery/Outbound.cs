namespace FollowUps.Delivery;

/// <summary>A rendered follow-up: its key, its outcome if sent, what kind of address it goes to, and its send.</summary>
/// <param name="Key">The follow-up.</param>
/// <param name="Prepared">Its outcome before the send.</param>
/// <param name="RecipientKind">What kind of address it goes to, for a provider's opt-out.</param>
/// <param name="Sender">The sender's name (its type), for a sentence when the sender gives none.</param>
/// <param name="Send">The send.</param>
internal sealed record Outbound(
    FollowUpKey Key,
    FollowUpOutcome Prepared,
    SuppressionTargetKind RecipientKind,
    string Sender,
    Func<CancellationToken, Task<SendResult>> Send)
{
    /// <summary>An SMS that does not fit the segment budget even shortened: not sent, not claimed.</summary>
    public bool OverBudget { get; init; }

    /// <summary>A rendered follow-up's outcome before its send: failed until the sender says sent, so no path reports a send by default.</summary>
    public static FollowUpOutcome Unsent(FollowUpKind kind, string recipient) =>
        new() { Kind = kind, Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Recipient = recipient };
}
