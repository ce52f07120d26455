namespace FollowUps.Accounts;

/// <summary>
/// What reading an account gave: its settings, or why there are none (unknown, invalid, unavailable): the problem in a
/// sentence (<see cref="Problem"/>), and what it means for a call's follow-ups (<see cref="Detail"/>).
/// </summary>
internal sealed record AccountLookup(ResolvedAccount? Account, OutcomeReason Reason, string Problem)
{
    /// <summary>The outcome's detail for each follow-up of a call of this account.</summary>
    public string Detail => Account is null ? $"{Problem} Nothing was sent." : "";

    public static AccountLookup Found(ResolvedAccount account) => new(account, OutcomeReason.None, "");

    public static AccountLookup Unknown(string accountId) =>
        new(null, OutcomeReason.UnknownAccount, $"Account '{accountId}' is not known to the accounts source.");

    public static AccountLookup Invalid(string accountId, IEnumerable<string> problems) =>
        new(null, OutcomeReason.InvalidAccount, $"Account '{accountId}' has invalid settings: {string.Join(" ", problems)}");

    public static AccountLookup Unavailable(string accountId, Exception exception) =>
        new(null, OutcomeReason.AccountUnavailable, $"Account '{accountId}' could not be read from the accounts source: {exception.Message}");
}
