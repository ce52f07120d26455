namespace FollowUps;

/// <summary>
/// Where follow-ups are claimed and recorded, and where the do-not-contact list lives. The port a store
/// implements; <see cref="InMemoryFollowUpStore"/> is the development default.
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe, and <see cref="TryClaimAsync"/> atomic across every process that
/// shares the store: it alone stops a contact from getting the same follow-up twice.</para>
/// <para>The <c>FollowUps.Testing</c> package has <c>FollowUpStoreContract</c>, an xunit suite that proves
/// these promises against an implementation.</para>
/// </remarks>
public interface IFollowUpStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for sending. Exactly one caller ever gets <see langword="true"/> for a key,
    /// also when many race; everyone after that gets <see langword="false"/>.
    /// </summary>
    /// <param name="key">The follow-up.</param>
    /// <param name="claimedAt">Now, from the engine's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this caller won the claim.</returns>
    Task<bool> TryClaimAsync(FollowUpKey key, DateTimeOffset claimedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of a claimed follow-up, moving it to <see cref="FollowUpState.Sent"/>, <see cref="FollowUpState.Failed"/>
    /// or <see cref="FollowUpState.Unknown"/>, and remembering its <see cref="FollowUpOutcome.ProviderMessageId"/> for delivery reports.
    /// </summary>
    /// <param name="key">A claimed follow-up.</param>
    /// <param name="outcome">What happened; its status is sent, failed or unknown.</param>
    /// <param name="completedAt">Now, from the engine's clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the outcome is stored.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> was never claimed.</exception>
    Task CompleteAsync(FollowUpKey key, FollowUpOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Records a provider's delivery report on its follow-up: the claimed one with <see cref="DeliveryReport.Key"/> when
    /// the report has one, else the one sent as its <see cref="DeliveryReport.ProviderMessageId"/>; only when
    /// <see cref="DeliveryReport.Advances"/> the status recorded so far. Atomic, so concurrent reports for one message end
    /// at the furthest status whatever their order; a later <see cref="CompleteAsync"/> keeps it.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was applied, stale, or for no known message.</returns>
    Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken);

    /// <summary>Reads the record of a follow-up.</summary>
    /// <param name="key">The follow-up.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> if it was never claimed.</returns>
    Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken);

    /// <summary>Finds a do-not-contact entry of <paramref name="accountId"/> that matches any of <paramref name="targets"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="targets">The contact's identifiers, already normalised.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A matching entry, or <see langword="null"/>.</returns>
    Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a do-not-contact entry. When the target already has one, the first stays, unless the new entry
    /// <see cref="SuppressionEntry.Replaces"/> it (the host's own entry replaces an opt-out's). Atomic.
    /// </summary>
    /// <param name="entry">The entry, its target already normalised.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes a do-not-contact entry.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="target">The identifier, already normalised.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether an entry was removed.</returns>
    Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken);
}
