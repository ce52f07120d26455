namespace FollowUps.Dispatch;

/// <summary>
/// One account's sender of one channel: its texts, or its email (follow-up and missed-call alike leave through the same
/// mailbox). What the dispatcher counts in flight and rests, per account.
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="Sms">Its texts; else its email.</param>
internal readonly record struct SenderChannel(string AccountId, bool Sms)
{
    /// <summary>The channel <paramref name="key"/> leaves through.</summary>
    public static SenderChannel Of(FollowUpKey key) => new(key.AccountId, key.Kind == FollowUpKind.Sms);

    /// <summary>The kinds of follow-up that leave through it, as a lease names them to skip.</summary>
    public IEnumerable<AccountKind> Kinds => Sms
        ? [new(AccountId, FollowUpKind.Sms)]
        : [new(AccountId, FollowUpKind.Email), new(AccountId, FollowUpKind.MissedCallEmail)];
}
