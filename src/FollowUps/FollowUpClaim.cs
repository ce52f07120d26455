namespace FollowUps;

/// <summary>What a claim found: whether it won the key, and the record that holds it (its own, or the earlier one).</summary>
/// <param name="Won">Whether this claim stored its record.</param>
/// <param name="Record">The record that holds the key.</param>
public sealed record FollowUpClaim(bool Won, FollowUpRecord Record);
