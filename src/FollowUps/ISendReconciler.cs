namespace FollowUps;

/// <summary>
/// Settles a send whose outcome is unknown by asking the provider what exists. An <see cref="ISmsSender"/> or
/// <see cref="IEmailSender"/> implements it when its provider can answer (FollowUps.Twilio does: it reads the account's
/// messages to the number); the dispatcher then asks it about each unknown follow-up of that sender's kind, every
/// <see cref="FollowUpDeliveryOptions.ReconcileInterval"/> until the follow-up is settled or its deadline passes.
/// </summary>
/// <remarks>
/// <para>Answer <see cref="Reconciliation.Found"/> only on proof that the provider has the message (it is then recorded as
/// sent, never sent again); <see cref="Reconciliation.Absent"/> only when the provider can no longer create or send it
/// (it is then sent again, as a new attempt); otherwise <see cref="Reconciliation.CannotTell"/>, and the follow-up stays
/// unknown. A wrong "absent" sends the contact a second message, so when in doubt, cannot tell. A "found" naming a
/// message another follow-up was already sent as counts as cannot tell.</para>
/// <para>The dispatcher holds the follow-up (its lease renewed) while it asks, so no other dispatcher asks at the same
/// time; bound the question by the provider's own timeout all the same. Implementations must be thread-safe. An exception
/// counts as cannot tell, and is logged.</para>
/// </remarks>
public interface ISendReconciler
{
    /// <summary>Asks the provider about the last attempt of <paramref name="unknown"/>.</summary>
    /// <param name="unknown">
    /// The follow-up, unknown: its message, its key, its <see cref="FollowUpRecord.Attempts"/> (the attempt in question)
    /// and <see cref="FollowUpRecord.AttemptStartedAt"/> (when that attempt's request was about to leave).
    /// </param>
    /// <param name="cancellationToken">Cancels the question.</param>
    /// <returns>Found (with the provider's message id), absent, or cannot tell, each with a sentence.</returns>
    Task<Reconciliation> ReconcileAsync(FollowUpRecord unknown, CancellationToken cancellationToken);
}
