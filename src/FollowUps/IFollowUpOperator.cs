namespace FollowUps;

/// <summary>
/// The operator's controls over the outbox, for a host's admin pages and support tools: list follow-ups, read one's
/// history, settle an unknown send by hand, and cancel what has not gone out for a paused campaign or a suspended account.
/// Every change is a compare-and-set like the dispatcher's, so it never races a send or a question to the provider
/// (settling is refused while a dispatcher asks: read it again shortly), and is kept in the follow-up's history with who
/// asked and why (<see cref="OperatorNote"/>). Registered by <c>AddFollowUps</c>. Thread-safe.
/// </summary>
public interface IFollowUpOperator
{
    /// <summary>Lists one page of follow-ups (<see cref="FollowUpQuery"/>).</summary>
    /// <param name="query">Which follow-ups, and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <see cref="FollowUpQuery.Limit"/> records, oldest claim first.</returns>
    /// <exception cref="ArgumentException"><paramref name="query"/> is not valid.</exception>
    Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads a follow-up's history, oldest first: every change, report and operator action.</summary>
    /// <param name="key">The follow-up.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its entries; empty if it was never claimed (or was written before its store kept history).</returns>
    Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Settles an unknown send as sent: the operator saw the message at the provider (or the contact confirmed it). Applies
    /// to a follow-up that is unknown, or expired while unknown.
    /// </summary>
    /// <param name="key">The follow-up.</param>
    /// <param name="note">Who asked, and why.</param>
    /// <param name="providerMessageId">The provider's id of the message, when the operator found it; optional.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was settled, and the follow-up now; not applied when it was not unknown.</returns>
    Task<OperatorResult> SettleAsSentAsync(FollowUpKey key, OperatorNote note, string? providerMessageId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Settles an unknown send as not sent: the operator checked that the provider never had it. An unknown follow-up
    /// waits for a new attempt, due now (the dispatcher sends it, even past <see cref="FollowUpDeliveryOptions.MaxAttempts"/>:
    /// a person asked for it); one that expired while unknown stays expired, recorded as not sent, since its deadline
    /// passed. Refused when a delivery report about its last attempt came: the provider has the message.
    /// </summary>
    /// <param name="key">The follow-up.</param>
    /// <param name="note">Who asked, and why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was settled, and the follow-up now; not applied when it was not unknown, or the provider reported it.</returns>
    Task<OperatorResult> SettleAsNotSentAsync(FollowUpKey key, OperatorNote note, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels an account's follow-ups that have not gone out, all of them or one campaign's: a campaign paused, an
    /// account suspended. Claimed and waiting ones are cancelled. One being sent or unknown may go or have gone, so it
    /// gets a <see cref="FollowUpRecord.CancelRequest"/> instead: a retry it would wait for is cancelled before it goes;
    /// when the provider (or an operator) says it never went, it is cancelled, not sent again; when it went, it is sent;
    /// if nobody can tell by the deadline, it expires. One whose last attempt a delivery report showed went is left to be
    /// recorded as sent.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="campaignId">Only this campaign's; <see langword="null"/> for all the account's.</param>
    /// <param name="note">Who asked, and why.</param>
    /// <param name="cancellationToken">Stops between pages; what was cancelled stays cancelled.</param>
    /// <returns>How many were cancelled or asked to be cancelled unless they went.</returns>
    Task<int> CancelWaitingAsync(string accountId, string? campaignId, OperatorNote note, CancellationToken cancellationToken = default);
}
