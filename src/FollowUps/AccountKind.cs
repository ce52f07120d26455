namespace FollowUps;

/// <summary>One account's follow-ups of one kind, such as the emails of account <c>acme</c> (<see cref="FollowUpLeaseRequest.Skip"/>).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Kind">The kind.</param>
public readonly record struct AccountKind(string AccountId, FollowUpKind Kind)
{
    /// <summary>Whether <paramref name="key"/> is one of these follow-ups.</summary>
    /// <param name="key">The follow-up.</param>
    /// <returns><see langword="true"/> when its account and kind are these.</returns>
    public bool Covers(FollowUpKey key) => key.AccountId == AccountId && key.Kind == Kind;
}
