namespace FollowUps;

/// <summary>A campaign's SMS follow-up: which fixed template, and the values for its slots. Immutable.</summary>
public sealed record SmsFollowUpSettings
{
    /// <summary>SMS off.</summary>
    public static SmsFollowUpSettings Disabled { get; } = new() { Enabled = false };

    /// <summary>Whether the campaign sends an SMS follow-up.</summary>
    public bool Enabled { get; init; }

    /// <summary>The fixed template to send.</summary>
    public SmsTemplateKind Template { get; init; } = SmsTemplateKind.MeetingRequest;

    /// <summary>Overrides <see cref="FollowUpOptions.DefaultSenderName"/> for this campaign; blank uses the default.</summary>
    public string? SenderName { get; init; }

    /// <summary>
    /// Overrides <see cref="FollowUpOptions.DefaultMeetingLink"/> for this campaign (Meeting Request and Next Step);
    /// blank uses the default. An absolute https URL.
    /// </summary>
    public string? MeetingLink { get; init; }

    /// <summary>The offer being shared (Offer / Promo only): one line, at most <see cref="SlotLimits.OfferSummary"/> characters.</summary>
    public string? OfferSummary { get; init; }

    /// <summary>The promotional code (Offer / Promo only): at most <see cref="SlotLimits.PromoCode"/> characters, no spaces.</summary>
    public string? PromoCode { get; init; }
}
