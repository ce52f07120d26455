namespace FollowUps;

/// <summary>
/// The do-not-contact list, for hosts: adds and removes entries from raw phone numbers and addresses,
/// normalising them the way the engine does, so an entry always matches. Thread-safe.
/// </summary>
public interface ISuppressionList
{
    /// <summary>
    /// Adds an entry. When the value already has one, the first stays, unless this one is the host's own
    /// (<see cref="SuppressionReason.DoNotContactList"/>) and the first came from an opt-out: then the host's replaces it,
    /// so a later START reply cannot lift it (see <see cref="SuppressionEntry.Replaces"/>).
    /// </summary>
    /// <param name="accountId">The account whose list it goes on.</param>
    /// <param name="kind">What <paramref name="value"/> is.</param>
    /// <param name="value">A contact id, a phone in any common notation, or an email address.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry as stored, with its normalised target.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid phone number or email address.</exception>
    Task<SuppressionEntry> AddAsync(string accountId, SuppressionTargetKind kind, string value, SuppressionReason reason = SuppressionReason.DoNotContactList, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="kind">What <paramref name="value"/> is.</param>
    /// <param name="value">A contact id, a phone in any common notation, or an email address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether an entry was removed.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid phone number or email address.</exception>
    Task<bool> RemoveAsync(string accountId, SuppressionTargetKind kind, string value, CancellationToken cancellationToken = default);

    /// <summary>Whether an entry matches.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="kind">What <paramref name="value"/> is.</param>
    /// <param name="value">A contact id, a phone in any common notation, or an email address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid phone number or email address.</exception>
    Task<SuppressionEntry?> FindAsync(string accountId, SuppressionTargetKind kind, string value, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns a followed unsubscribe link into a do-not-contact entry for its email address, with reason
    /// <see cref="SuppressionReason.Unsubscribed"/>. Call it from the page at <see cref="FollowUpOptions.UnsubscribeUrl"/>
    /// with the link's <c>token</c> query parameter: on a POST (one-click unsubscribe from the mail client, RFC 8058)
    /// at once, and on a GET after the person confirms, since mail scanners follow links. Idempotent.
    /// </summary>
    /// <param name="token">The <c>token</c> query parameter, as received.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/> when neither <see cref="FollowUpOptions.UnsubscribeSigningKey"/> nor a
    /// <see cref="FollowUpOptions.RetiredUnsubscribeSigningKeys">retired key</see> signed the token (forged, cut short, or
    /// signed with a key no longer listed): answer such a request with 400 Bad Request.</returns>
    Task<SuppressionEntry?> UnsubscribeAsync(string token, CancellationToken cancellationToken = default);
}
