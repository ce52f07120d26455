namespace FollowUps;

/// <summary>What an operator's action on one follow-up did. Immutable.</summary>
/// <param name="Applied">Whether the follow-up was changed.</param>
/// <param name="Record">The follow-up as it is now; <see langword="null"/> when it was never claimed.</param>
/// <param name="Detail">What was done, or why nothing was, in a sentence.</param>
public sealed record OperatorResult(bool Applied, FollowUpRecord? Record, string Detail);
