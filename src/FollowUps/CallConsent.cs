namespace FollowUps;

/// <summary>What the contact agreed to on the call, per channel. Immutable.</summary>
public sealed record CallConsent
{
    /// <summary>Nothing asked on any channel.</summary>
    public static CallConsent NotAsked { get; } = new();

    /// <summary>The answer to "may we text you?"; <see langword="null"/> reads as <see cref="ChannelConsent.NotAsked"/>.</summary>
    public ChannelConsent Sms { get; init => field = value ?? ChannelConsent.NotAsked; } = ChannelConsent.NotAsked;

    /// <summary>The answer to "may we email you?"; <see langword="null"/> reads as <see cref="ChannelConsent.NotAsked"/>.</summary>
    public ChannelConsent Email { get; init => field = value ?? ChannelConsent.NotAsked; } = ChannelConsent.NotAsked;
}
