namespace FollowUps;

/// <summary>
/// The do-not-contact list, for hosts: adds and removes entries from raw phone numbers and addresses,
/// normalising them the way the engine does, so an entry always matches. Thread-safe.
/// </summary>
public interface ISuppressionList
{
    /// <summary>Adds an entry. Adding an existing entry keeps the first.</summary>
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
}
