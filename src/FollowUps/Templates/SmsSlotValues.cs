namespace FollowUps.Templates;

/// <summary>The values for a template's slots, resolved (override or default) and cleaned.</summary>
internal readonly record struct SmsSlotValues
{
    public required string FirstName { get; init; }

    public required string SenderName { get; init; }

    public required string BrandName { get; init; }

    public string? MeetingLink { get; init; }

    public string? AppointmentTime { get; init; }

    public string? AppointmentLocation { get; init; }

    public string? Summary { get; init; }

    public string? OfferSummary { get; init; }

    public string? PromoCode { get; init; }
}
