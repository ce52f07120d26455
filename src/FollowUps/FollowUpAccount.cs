namespace FollowUps;

/// <summary>One account's settings, as <see cref="IFollowUpAccounts"/> reads them. Immutable once returned: the engine caches it.</summary>
public sealed record FollowUpAccount
{
    /// <summary>The account, as <see cref="CallCompleted.AccountId"/> names it.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// Its settings: the same as the single-account <see cref="FollowUpOptions"/>, validated by the same rules when read
    /// (messages name each as <c>Accounts:{Id}:BrandName</c>). Do not change the instance after returning it.
    /// </summary>
    public required FollowUpOptions Settings { get; init; }
}
