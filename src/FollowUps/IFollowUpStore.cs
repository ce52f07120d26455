namespace FollowUps;

/// <summary>
/// The outbox: every follow-up from its claim to its end. The port a durable store implements;
/// <see cref="InMemoryFollowUpStore"/> is the development default. The do-not-contact list is a port of its own,
/// <see cref="ISuppressionStore"/>, since a host often keeps that list in its own systems.
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe, and atomic across every process that shares the store: the claim alone
/// stops a contact from getting the same follow-up twice, and the compare-and-set of <see cref="TryUpdateAsync"/>
/// alone stops two workers from sending one.</para>
/// <para>Every write keeps the follow-up's history (<see cref="ReadHistoryAsync"/>), appended in the same atomic write:
/// a winning claim; an update that changes the state, the attempts or the outcome (a change of lease alone is not
/// history); each cancellation; and each delivery report applied or kept as another attempt's.</para>
/// <para>Times are kept to the microsecond at least (PostgreSQL's precision); a store may drop finer ticks, and reads a
/// time back in UTC.</para>
/// <para>The <c>FollowUps.Testing</c> package has <c>FollowUpStoreContract</c>, an xunit suite that proves these
/// promises against an implementation.</para>
/// </remarks>
public interface IFollowUpStore
{
    /// <summary>
    /// Claims <paramref name="record"/>'s key by storing the record whole, unless the key is claimed already. Atomic: of
    /// any number of racing claims for a key exactly one wins. A claim retried after a lost answer finds its own record
    /// (the same <see cref="FollowUpRecord.LeaseOwner"/>) and wins.
    /// </summary>
    /// <param name="record">The follow-up as claimed: its message rendered, its targets, its lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this claim won, and the record that holds the key.</returns>
    Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a follow-up on: when the stored record still has <paramref name="current"/>'s state, attempts and lease owner
    /// (a record read before another attempt went out is stale, even when its state and owner match again), writes
    /// <paramref name="next"/>'s state, attempts, attempt start, lease, due time, wait reason, completion time and outcome,
    /// and its <see cref="FollowUpRecord.CancelRequest"/> when it has one (a stored request is never cleared). Atomic
    /// (compare-and-set); the claim's own fields and the delivery report never change here.
    /// </summary>
    /// <param name="current">The record as the caller read it.</param>
    /// <param name="next">The record as it should be; the same key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was written; <see langword="false"/> when someone else moved it first.</returns>
    Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <see cref="FollowUpLeaseRequest.Max"/> follow-ups that need a worker, oldest due first, to
    /// <see cref="FollowUpLeaseRequest.Owner"/> until <see cref="FollowUpLeaseRequest.LeaseUntil"/>: among those nobody
    /// holds (or whose lease ended), waiting ones whose time came, claimed ones (a crashed or cancelled claimer) and unknown
    /// ones due to be asked about (or past their deadline); and sending ones whose lease ended (a crashed sender). No more
    /// than <see cref="FollowUpLeaseRequest.MaxPerAccount"/> of one account (each account's oldest due), and none that
    /// <see cref="FollowUpLeaseRequest.Skip"/> covers. Only the lease changes; atomic, so two dispatchers never lease the
    /// same follow-up.
    /// </summary>
    /// <param name="request">What to lease, to whom, until when.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The leased records, as stored, oldest due first.</returns>
    Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the follow-ups of <paramref name="accountId"/> that have not started to send (claimed or waiting) and whose
    /// <see cref="FollowUpRecord.Targets"/> hold any of <paramref name="targets"/>: the contact joined the do-not-contact list.
    /// A waiting one whose <see cref="FollowUpRecord.Delivery"/> is about its last attempt
    /// (<see cref="DeliveryReport.IsAboutLastAttemptOf"/>) went after all and is left to be recorded as sent.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="targets">The identifiers now on the list, normalised.</param>
    /// <param name="outcome">The outcome to record on each.</param>
    /// <param name="now">Now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cancelled records.</returns>
    Task<IReadOnlyList<FollowUpRecord>> CancelPendingAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reads a follow-up.</summary>
    /// <param name="key">The follow-up.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> if it was never claimed.</returns>
    Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the follow-up that was sent as a provider's message: the one whose outcome records
    /// <paramref name="providerMessageId"/>. A provider's id names one message, so at most one follow-up; should two
    /// record one id (an operator typing it twice), either.
    /// </summary>
    /// <param name="providerMessageId">The provider's id of the message, such as a Twilio message SID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> when no follow-up was sent as that message.</returns>
    Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken);

    /// <summary>Reads the follow-ups a call attempt claimed.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="callId">The call attempt.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its records, in kind order.</returns>
    Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a provider's delivery report on its follow-up: the one with <see cref="DeliveryReport.Key"/> when the report
    /// has one, else the one sent as its <see cref="DeliveryReport.ProviderMessageId"/>; only when
    /// <see cref="DeliveryReport.Advances"/> the status recorded so far. Atomic, so concurrent reports for one message end
    /// at the furthest status whatever their order; a later <see cref="TryUpdateAsync"/> keeps it.
    /// </summary>
    /// <remarks>
    /// A report that is not <see cref="DeliveryReport.IsAboutLastAttemptOf"/> the follow-up it found (an earlier attempt's
    /// message, reported after a later attempt) is not applied: it goes into the history as that attempt's, and the
    /// answer is <see cref="DeliveryUpdate.OtherAttempt"/>. One applied to a waiting or unknown follow-up also releases
    /// its lease and makes it due now (the store's clock), in the same write: a worker holding it cannot start another
    /// attempt, and the next dispatcher records it as sent.
    /// </remarks>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was applied, stale, another attempt's, or for no known message.</returns>
    Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken);

    /// <summary>
    /// Lists one page of follow-ups that <see cref="FollowUpQuery.Matches"/> <paramref name="query"/>, oldest claim first,
    /// then by campaign, contact and kind (ordinal), starting after <see cref="FollowUpQuery.After"/>.
    /// </summary>
    /// <param name="query">Which follow-ups, and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <see cref="FollowUpQuery.Limit"/> records; fewer on the last page.</returns>
    /// <exception cref="ArgumentException"><paramref name="query"/> is not valid (<see cref="FollowUpQuery.Validate"/>).</exception>
    Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken);

    /// <summary>Reads a follow-up's history, oldest first.</summary>
    /// <param name="key">The follow-up.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Its entries; empty if it was never claimed (or was written before the store kept history).</returns>
    Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken);
}
