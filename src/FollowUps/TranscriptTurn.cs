using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FollowUps.Internal;

namespace FollowUps;

/// <summary>One turn of the call transcript. Immutable. <see cref="ToString"/> shows the text only as its length: what a contact says is personal data.</summary>
public sealed record TranscriptTurn
{
    /// <summary>Who spoke.</summary>
    public required Speaker Speaker { get; init; }

    /// <summary>What was said.</summary>
    public required string Text { get; init; }

    /// <summary>When the turn began, from the start of the call. In JSON, seconds (<c>9.5</c>) or a TimeSpan string (<c>"00:00:09.5"</c>); written as seconds.</summary>
    [JsonConverter(typeof(TimeSpanSecondsJsonConverter))]
    public TimeSpan Offset { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Speaker = {Speaker}, Text = {Printed.Length(Text)}, Offset = {Offset}");
        return true;
    }
}
