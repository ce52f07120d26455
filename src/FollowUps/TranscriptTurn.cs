namespace FollowUps;

/// <summary>One turn of the call transcript. Immutable.</summary>
public sealed record TranscriptTurn
{
    /// <summary>Who spoke.</summary>
    public required Speaker Speaker { get; init; }

    /// <summary>What was said.</summary>
    public required string Text { get; init; }

    /// <summary>When the turn began, from the start of the call.</summary>
    public TimeSpan Offset { get; init; }
}
