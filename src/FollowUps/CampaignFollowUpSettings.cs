namespace FollowUps;

/// <summary>
/// A campaign's follow-up settings: the host's data, created by its users and handed in with each call.
/// Validate them when a user saves a campaign with <see cref="IFollowUpEngine.ValidateCampaign"/>; the engine
/// validates them again on every call and skips a channel whose settings are invalid. Immutable.
/// </summary>
public sealed record CampaignFollowUpSettings
{
    /// <summary>All channels off.</summary>
    public static CampaignFollowUpSettings None { get; } = new();

    /// <summary>The SMS follow-up sent after an answered call with SMS consent.</summary>
    public SmsFollowUpSettings Sms { get; init; } = SmsFollowUpSettings.Disabled;

    /// <summary>The email follow-up sent after an answered call with email consent.</summary>
    public EmailFollowUpSettings Email { get; init; } = EmailFollowUpSettings.Disabled;

    /// <summary>The email sent after a missed call.</summary>
    public MissedCallEmailSettings MissedCallEmail { get; init; } = MissedCallEmailSettings.Disabled;
}
