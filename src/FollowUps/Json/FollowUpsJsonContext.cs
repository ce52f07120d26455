using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUps.Json;

/// <summary>
/// Source-generated metadata for the call event, the campaign settings and the report, and everything they contain,
/// so <see cref="FollowUpsJson"/> needs no reflection (trimming and native AOT friendly).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallCompleted))]
[JsonSerializable(typeof(CampaignFollowUpSettings))]
[JsonSerializable(typeof(FollowUpReport))]
internal sealed partial class FollowUpsJsonContext : JsonSerializerContext;
