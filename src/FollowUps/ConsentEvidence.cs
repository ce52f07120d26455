using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FollowUps.Internal;

namespace FollowUps;

/// <summary>
/// Where in the transcript a contact gave consent: the turn, the words, and when. The engine checks that
/// <see cref="TurnIndex"/> is a contact turn whose text contains <see cref="Quote"/>; otherwise the consent
/// is not traceable and nothing is sent on that channel. Immutable. <see cref="ToString"/> shows the quote only as its
/// length: the contact's words are personal data.
/// </summary>
public sealed record ConsentEvidence
{
    /// <summary>Zero-based index into <see cref="CallCompleted.Transcript"/>.</summary>
    public required int TurnIndex { get; init; }

    /// <summary>The contact's words that grant consent, as they appear in the turn (case and spacing are ignored).</summary>
    public required string Quote { get; init; }

    /// <summary>When the words were said, from the start of the call. In JSON, seconds (<c>9.5</c>) or a TimeSpan string (<c>"00:00:09.5"</c>); written as seconds.</summary>
    [JsonConverter(typeof(TimeSpanSecondsJsonConverter))]
    public TimeSpan Offset { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"TurnIndex = {TurnIndex}, Quote = {Printed.Length(Quote)}, Offset = {Offset}");
        return true;
    }
}
