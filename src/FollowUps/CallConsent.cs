namespace FollowUps;

/// <summary>What the contact agreed to on the call, per channel. Immutable.</summary>
public sealed record CallConsent
{
    /// <summary>Nothing asked on any channel.</summary>
    public static CallConsent NotAsked { get; } = new();

    /// <summary>The answer to "may we text you?".</summary>
    public ChannelConsent Sms { get; init; } = ChannelConsent.NotAsked;

    /// <summary>The answer to "may we email you?".</summary>
    public ChannelConsent Email { get; init; } = ChannelConsent.NotAsked;
}
