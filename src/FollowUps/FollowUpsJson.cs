using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FollowUps.Json;

namespace FollowUps;

/// <summary>
/// JSON for the call event (<see cref="FollowUps.CallCompleted"/>, such as a webhook body), the campaign settings and
/// the report: web defaults (camelCase names, names read in any case), enums as their names, offsets in seconds, and
/// no <c>null</c> values written.
/// Source-generated, so it needs no reflection (trimming and native AOT friendly). Thread-safe; the options are read-only.
/// </summary>
/// <remarks>
/// Reading is strict, so a bad event fails where it arrives with a <see cref="JsonException"/> naming the property:
/// an enum is a name in any case (<c>"answered"</c>, <c>"Answered"</c>), never a number or an unknown name;
/// <c>startedAt</c> and <c>endedAt</c> are required. A blank or <c>null</c> id is read as it is, so the engine reports
/// it as an <see cref="OutcomeReason.InvalidCall"/> skip naming the field; <c>null</c> for the transcript or the consent
/// reads as none. A time within the call reads from seconds (<c>9.5</c>) or a
/// <see cref="TimeSpan"/> string (<c>"00:00:09.5"</c>) and is written as seconds (<see cref="TimeSpanSecondsJsonConverter"/>).
/// A <see cref="FollowUps.FollowUpReport"/> is written with each outcome once, under <c>sms</c>, <c>email</c> and
/// <c>missedCallEmail</c>.
/// </remarks>
public static class FollowUpsJson
{
    /// <summary>
    /// The options. Use them as they are, or copy them to add your own types:
    /// <c>new JsonSerializerOptions(FollowUpsJson.Options) { TypeInfoResolverChain = { MyContext.Default } }</c>.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Metadata for reading and writing a <see cref="FollowUps.CallCompleted"/> with <see cref="Options"/>.</summary>
    public static JsonTypeInfo<CallCompleted> CallCompleted { get; } = (JsonTypeInfo<CallCompleted>)Options.GetTypeInfo(typeof(CallCompleted));

    /// <summary>Metadata for reading and writing <see cref="FollowUps.CampaignFollowUpSettings"/> with <see cref="Options"/>.</summary>
    public static JsonTypeInfo<CampaignFollowUpSettings> CampaignFollowUpSettings { get; } =
        (JsonTypeInfo<CampaignFollowUpSettings>)Options.GetTypeInfo(typeof(CampaignFollowUpSettings));

    /// <summary>Metadata for reading and writing a <see cref="FollowUps.FollowUpReport"/> with <see cref="Options"/>.</summary>
    public static JsonTypeInfo<FollowUpReport> FollowUpReport { get; } = (JsonTypeInfo<FollowUpReport>)Options.GetTypeInfo(typeof(FollowUpReport));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = FollowUpsJsonContext.Default,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        // Each enum carries JsonStringEnumConverter (names with any serializer); these refuse numbers as well.
        foreach (var converter in StrictEnums.All)
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly();
        return options;
    }
}
