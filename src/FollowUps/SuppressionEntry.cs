namespace FollowUps;

/// <summary>A do-not-contact entry: while it exists, the matching contact gets no follow-up on any channel. Immutable.</summary>
public sealed record SuppressionEntry
{
    /// <summary>The account whose list holds the entry.</summary>
    public required string AccountId { get; init; }

    /// <summary>What it matches.</summary>
    public required SuppressionTarget Target { get; init; }

    /// <summary>Why it exists.</summary>
    public required SuppressionReason Reason { get; init; }

    /// <summary>When it was added.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
