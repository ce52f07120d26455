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

    /// <summary>
    /// Whether this entry, added for a target that already has <paramref name="existing"/>, takes its place: the host's own
    /// entry (<see cref="SuppressionReason.DoNotContactList"/>) replaces one an opt-out made, so a later START reply cannot
    /// lift what the host decided. Otherwise the first entry stays. Stores apply this on every add.
    /// </summary>
    /// <param name="existing">The entry stored for the same account and target.</param>
    /// <returns>Whether to store this entry instead.</returns>
    public bool Replaces(SuppressionEntry existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return Reason == SuppressionReason.DoNotContactList && existing.Reason != SuppressionReason.DoNotContactList;
    }
}
