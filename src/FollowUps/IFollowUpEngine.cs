namespace FollowUps;

/// <summary>
/// Decides, renders, sends and records the follow-ups of a completed call. Register it with
/// <c>services.AddFollowUps(...)</c>. Thread-safe; one instance serves the whole host.
/// </summary>
public interface IFollowUpEngine
{
    /// <summary>
    /// Handles a call that has just ended: plans each kind of follow-up, claims those the rules allow in the outbox (their
    /// message rendered and stored), sends them inline, so they leave within milliseconds, and records what happened. A
    /// send that fails in a way worth retrying is <see cref="OutcomeStatus.Queued"/>: the dispatcher tries it again.
    /// </summary>
    /// <param name="call">The call.</param>
    /// <param name="campaign">The campaign's follow-up settings.</param>
    /// <param name="cancellationToken">
    /// Stops only what has not started. Until the do-not-contact list has been read, it throws; after that, follow-ups
    /// not yet claimed are skipped (<see cref="OutcomeReason.Cancelled"/>), so a later call can send them; one claimed
    /// but not yet sent stays in the outbox, due now, for the dispatcher (<see cref="OutcomeStatus.Queued"/>); a send
    /// already started finishes under the sender's own timeout and is recorded. Where the claim and the start are one
    /// write (<see cref="IFollowUpClaimStarter"/>: the same store keeps the do-not-contact list, and the sender does not
    /// implement <see cref="ISignalsRequestLeaving"/>) nothing is claimed and not started: cancelled before that write
    /// commits, the follow-up is skipped and nothing is stored.
    /// </param>
    /// <returns>One outcome per kind. Bad input, provider and store failures and sender exceptions are outcomes, never exceptions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> or <paramref name="campaign"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the do-not-contact list was read.</exception>
    Task<FollowUpReport> HandleCallCompletedAsync(CallCompleted call, CampaignFollowUpSettings campaign, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="HandleCallCompletedAsync"/>, but only claims: each follow-up the rules allow is stored in the
    /// outbox, due now, and the dispatcher sends it. For a webhook that must answer fast.
    /// </summary>
    /// <param name="call">The call.</param>
    /// <param name="campaign">The campaign's follow-up settings.</param>
    /// <param name="cancellationToken">As for <see cref="HandleCallCompletedAsync"/>.</param>
    /// <returns>One outcome per kind: <see cref="OutcomeStatus.Queued"/> for those stored, or why not.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> or <paramref name="campaign"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the do-not-contact list was read.</exception>
    Task<FollowUpReport> EnqueueCallCompletedAsync(CallCompleted call, CampaignFollowUpSettings campaign, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a campaign's settings against the registered defaults (<see cref="FollowUpOptions"/>), as a campaign editor
    /// should when a user saves. Only enabled channels are checked. With many accounts, use
    /// <see cref="ValidateCampaignAsync"/>: what a campaign may leave blank depends on its account's defaults.
    /// </summary>
    /// <param name="campaign">The settings.</param>
    /// <returns>The problems, each naming its field; empty when valid.</returns>
    CampaignValidationResult ValidateCampaign(CampaignFollowUpSettings campaign);

    /// <summary>
    /// Checks a campaign's settings against the defaults of <paramref name="accountId"/>, read as a call of that account
    /// reads them (<see cref="IFollowUpAccounts"/>, through the cache). An account that is unknown, invalid or cannot be
    /// read now is an error on <c>AccountId</c> saying which. Only enabled channels are checked.
    /// </summary>
    /// <param name="accountId">The campaign's account.</param>
    /// <param name="campaign">The settings.</param>
    /// <param name="cancellationToken">Cancels the account's read.</param>
    /// <returns>The problems, each naming its field; empty when valid.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is blank, or <paramref name="campaign"/> is null.</exception>
    Task<CampaignValidationResult> ValidateCampaignAsync(string accountId, CampaignFollowUpSettings campaign, CancellationToken cancellationToken = default);
}
