namespace FollowUps;

/// <summary>
/// Decides, renders, sends and records the follow-ups of a completed call. Register it with
/// <c>services.AddFollowUps(...)</c>. Thread-safe; one instance serves the whole host.
/// </summary>
public interface IFollowUpEngine
{
    /// <summary>
    /// Handles a call that has just ended: plans each kind of follow-up, sends those the rules allow (inline,
    /// so they leave within milliseconds), and records them.
    /// </summary>
    /// <param name="call">The call.</param>
    /// <param name="campaign">The campaign's follow-up settings.</param>
    /// <param name="cancellationToken">
    /// Cancels the work. Until the do-not-contact list has been read, it throws; after that, a send under way is
    /// reported and recorded as failed (<see cref="OutcomeReason.Cancelled"/>), and follow-ups not yet claimed are
    /// skipped so a later call can send them.
    /// </param>
    /// <returns>One outcome per kind. Bad input, provider and store failures and sender exceptions are outcomes, never exceptions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> or <paramref name="campaign"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the do-not-contact list was read.</exception>
    Task<FollowUpReport> HandleCallCompletedAsync(CallCompleted call, CampaignFollowUpSettings campaign, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a campaign's settings against the account defaults, as a campaign editor should when a user saves.
    /// Only enabled channels are checked.
    /// </summary>
    /// <param name="campaign">The settings.</param>
    /// <returns>The problems, each naming its field; empty when valid.</returns>
    CampaignValidationResult ValidateCampaign(CampaignFollowUpSettings campaign);
}
