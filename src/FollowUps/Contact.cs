namespace FollowUps;

/// <summary>The person a campaign called. Immutable.</summary>
public sealed record Contact
{
    /// <summary>The host's id of the contact; the unit of "once per contact".</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The phone number as dialled, in any common notation. Numbers without a country code are read in
    /// <see cref="FollowUpOptions.DefaultRegion"/>; the engine normalises to E.164.
    /// </summary>
    public string? Phone { get; init; }

    /// <summary>The email address on file, if any.</summary>
    public string? Email { get; init; }

    /// <summary>The contact's first name, used in greetings; optional.</summary>
    public string? FirstName { get; init; }
}
