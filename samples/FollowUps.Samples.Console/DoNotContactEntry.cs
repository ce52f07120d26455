namespace FollowUps.Samples;

/// <summary>One do-not-contact entry in calls.json, added through <see cref="ISuppressionList"/> before the replay.</summary>
internal sealed record DoNotContactEntry
{
    public required string AccountId { get; init; }

    public required SuppressionTargetKind Kind { get; init; }

    public required string Value { get; init; }
}
