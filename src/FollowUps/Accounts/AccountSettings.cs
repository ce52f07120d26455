namespace FollowUps.Accounts;

/// <summary>
/// An account's settings as the engine keeps them: a copy, so a host that changes the object it returned changes nothing
/// validated; with the unsubscribe signing keys of the registered <see cref="FollowUpOptions"/>, the only keys
/// <see cref="ISuppressionList.UnsubscribeAsync"/> reads tokens with (the unsubscribe page is the account's own when it
/// names one, else the registered one). Pure.
/// </summary>
internal static class AccountSettings
{
    /// <summary>The names of the settings <see cref="Of"/> takes (a test holds it to <see cref="FollowUpOptions"/>'s properties).</summary>
    public static readonly IReadOnlyList<string> Copied =
    [
        nameof(FollowUpOptions.BrandName), nameof(FollowUpOptions.DefaultSenderName), nameof(FollowUpOptions.DefaultMeetingLink),
        nameof(FollowUpOptions.DefaultRegion), nameof(FollowUpOptions.MaxSmsSegments), nameof(FollowUpOptions.PostalAddress),
        nameof(FollowUpOptions.UnsubscribeUrl), nameof(FollowUpOptions.UnsubscribeSigningKey), nameof(FollowUpOptions.RetiredUnsubscribeSigningKeys),
    ];

    /// <summary><paramref name="account"/>'s settings, copied, signing unsubscribe links with <paramref name="registered"/>'s keys.</summary>
    public static FollowUpOptions Of(FollowUpOptions account, FollowUpOptions registered)
    {
        var settings = new FollowUpOptions
        {
            BrandName = account.BrandName,
            DefaultSenderName = account.DefaultSenderName,
            DefaultMeetingLink = account.DefaultMeetingLink,
            DefaultRegion = account.DefaultRegion,
            MaxSmsSegments = account.MaxSmsSegments,
            PostalAddress = account.PostalAddress,
            UnsubscribeUrl = string.IsNullOrWhiteSpace(account.UnsubscribeUrl) ? registered.UnsubscribeUrl : account.UnsubscribeUrl,
            UnsubscribeSigningKey = registered.UnsubscribeSigningKey,
        };
        foreach (var key in registered.RetiredUnsubscribeSigningKeys)
        {
            settings.RetiredUnsubscribeSigningKeys.Add(key);
        }

        return settings;
    }
}
