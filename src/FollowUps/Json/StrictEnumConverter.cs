using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUps.Json;

/// <summary>
/// An enum as its member name: written as the name, read in any case. A number, an unknown name or a list of names is
/// refused with a message that shows the value and lists the names. Stateless and thread-safe.
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class StrictEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private const int ShownLength = 40;
    private static readonly T[] Values = Enum.GetValues<T>();
    private static readonly string[] Names = [.. Values.Select(v => Enum.GetName(v)!)];

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var index = Array.FindIndex(Names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? Values[index]
            : throw new JsonException($"{Shown(ref reader, text)} is not a {typeof(T).Name}; expected one of {string.Join(", ", Names)} (in any case).");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Enum.GetName(value) ?? throw new JsonException($"{value} is not a defined {typeof(T).Name}."));

    private static string Shown(ref Utf8JsonReader reader, string? text) => reader.TokenType switch
    {
        JsonTokenType.String when text!.Length > ShownLength => $"\"{text[..ShownLength]}…\"",
        JsonTokenType.String => $"\"{text}\"",
        JsonTokenType.Number => reader.TryGetDecimal(out var number) ? $"The number {number}" : "A number",
        _ => $"A JSON {reader.TokenType}",
    };
}
