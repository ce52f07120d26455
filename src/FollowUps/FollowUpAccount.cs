namespace FollowUps;

/// <summary>One account's settings, as <see cref="IFollowUpAccounts"/> reads them. The engine keeps a copy of its settings.</summary>
public sealed record FollowUpAccount
{
    /// <summary>The account, as <see cref="CallCompleted.AccountId"/> names it.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// Its settings: the same as the single-account <see cref="FollowUpOptions"/>, validated by the same rules when read
    /// (messages name each as <c>Accounts:{Id}:BrandName</c>). The engine copies them when read, so a change to this
    /// instance afterwards reaches no call until the account is read again. Unsubscribe links are always signed with the
    /// registered <see cref="FollowUpOptions.UnsubscribeSigningKey"/>; the account's own key is ignored.
    /// </summary>
    public required FollowUpOptions Settings { get; init; }

    /// <summary>
    /// The key of the keyed <see cref="ISmsSender"/> this account's texts leave through
    /// (<c>services.AddKeyedSingleton&lt;ISmsSender, MySender&gt;("key")</c>), or <see langword="null"/> (the default) for
    /// the one registered without a key (<c>AddTwilioSms</c>, <c>UseSmsSender</c>). A key no sender is registered with
    /// makes the account invalid.
    /// </summary>
    public string? SmsSender { get; init; }

    /// <summary>
    /// The key of the keyed <see cref="IEmailSender"/> this account's email leaves through, such as a Microsoft Graph or
    /// Gmail API sender the host writes for mailboxes that do not offer SMTP, or <see langword="null"/> (the default) for
    /// the one registered without a key (<c>AddSmtpEmail</c>, <c>UseEmailSender</c>). A key no sender is registered with
    /// makes the account invalid.
    /// </summary>
    public string? EmailSender { get; init; }
}
