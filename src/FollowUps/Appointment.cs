namespace FollowUps;

/// <summary>An appointment the call booked; fills the Appointment Confirmation template. Immutable.</summary>
public sealed record Appointment
{
    /// <summary>When the appointment starts.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>The IANA time zone the contact reads the time in, such as <c>America/New_York</c>.</summary>
    public required string TimeZone { get; init; }

    /// <summary>Where it takes place: an address, "by phone", "on Zoom".</summary>
    public required string Location { get; init; }
}
