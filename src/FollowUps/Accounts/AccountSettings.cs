namespace FollowUps.Accounts;

/// <summary>
/// An account's settings as the engine keeps them: a copy, so a host that changes the object it returned changes nothing
/// validated. The account's own unsubscribe signing keys are never taken: links are signed with the registered
/// <see cref="FollowUpOptions"/>'s key, the only one <see cref="ISuppressionList.UnsubscribeAsync"/> reads tokens with,
/// given when an email is composed; the copy kept in the cache holds no key, and is validated with the registered one
/// (<see cref="Checked"/>). The unsubscribe page is the account's own when it names one, else the registered one. Pure.
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

    /// <summary><paramref name="account"/>'s settings, copied, without signing keys: the copy the cache keeps.</summary>
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
        };
        return settings;
    }

    /// <summary>The settings as they are validated: <paramref name="kept"/> with the registered key its links are signed with.</summary>
    public static FollowUpOptions Checked(FollowUpOptions kept, FollowUpOptions registered)
    {
        var settings = Of(kept, registered);
        settings.UnsubscribeSigningKey = registered.UnsubscribeSigningKey;
        return settings;
    }
}
