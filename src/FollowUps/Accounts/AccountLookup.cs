namespace FollowUps.Accounts;

/// <summary>What reading an account gave: its settings, or why there are none (unknown, invalid, unavailable) in a sentence.</summary>
internal sealed record AccountLookup(ResolvedAccount? Account, OutcomeReason Reason, string Detail)
{
    public static AccountLookup Found(ResolvedAccount account) => new(account, OutcomeReason.None, "");

    public static AccountLookup Unknown(string accountId) =>
        new(null, OutcomeReason.UnknownAccount, $"Account '{accountId}' is not known to the accounts source, so nothing was sent.");

    public static AccountLookup Invalid(string accountId, IEnumerable<string> problems) =>
        new(null, OutcomeReason.InvalidAccount, $"Account '{accountId}' has invalid settings, so nothing was sent: {string.Join(" ", problems)}");

    public static AccountLookup Unavailable(string accountId, Exception exception) =>
        new(null, OutcomeReason.AccountUnavailable, $"Account '{accountId}' could not be read from the accounts source, so nothing was sent: {exception.Message}");
}
