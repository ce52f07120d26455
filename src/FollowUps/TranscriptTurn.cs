using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>One turn of the call transcript. Immutable.</summary>
public sealed record TranscriptTurn
{
    /// <summary>Who spoke.</summary>
    public required Speaker Speaker { get; init; }

    /// <summary>What was said.</summary>
    public required string Text { get; init; }

    /// <summary>When the turn began, from the start of the call. In JSON, seconds (<c>9.5</c>) or a TimeSpan string (<c>"00:00:09.5"</c>); written as seconds.</summary>
    [JsonConverter(typeof(TimeSpanSecondsJsonConverter))]
    public TimeSpan Offset { get; init; }
}
