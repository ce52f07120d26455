using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>
/// Reads a point in a call (a transcript turn's or a consent's offset) from JSON as a number of seconds (<c>9.5</c>, as
/// voice platforms send it) or as a <see cref="TimeSpan"/> string (<c>"00:00:09.5"</c>, what .NET writes by default), and
/// writes it as seconds. Anything else, or a negative time, is refused with a <see cref="JsonException"/> whose
/// <see cref="JsonException.Path"/> names the property. Stateless and thread-safe.
/// </summary>
public sealed class TimeSpanSecondsJsonConverter : JsonConverter<TimeSpan>
{
    private const decimal MaxSeconds = TimeSpan.TicksPerDay * 365L * 100 / TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        TimeSpan? time = reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetDecimal(out var seconds) && seconds is >= 0 and <= MaxSeconds =>
                TimeSpan.FromTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero)),
            JsonTokenType.String when reader.GetString() is { } text && text.Contains(':', StringComparison.Ordinal)
                && TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero => parsed,
            _ => null,
        };
        return time ?? throw new JsonException(
            "A time in the call must be a number of seconds from its start, such as 9.5, or a TimeSpan string such as \"00:00:09.5\"; not negative.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue((decimal)value.Ticks / TimeSpan.TicksPerSecond);
    }
}
