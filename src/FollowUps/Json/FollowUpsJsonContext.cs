using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUps.Json;

/// <summary>
/// Source-generated metadata for the call event, the campaign settings, the report and every public enum, so
/// <see cref="FollowUpsJson"/> needs no reflection (trimming and native AOT friendly).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallCompleted))]
[JsonSerializable(typeof(CampaignFollowUpSettings))]
[JsonSerializable(typeof(FollowUpReport))]
[JsonSerializable(typeof(DeliveryStatus))]
[JsonSerializable(typeof(DeliveryUpdate))]
[JsonSerializable(typeof(FollowUpState))]
[JsonSerializable(typeof(WaitReason))]
[JsonSerializable(typeof(ReconciliationVerdict))]
[JsonSerializable(typeof(FollowUpCursor))]
[JsonSerializable(typeof(SendStatus))]
[JsonSerializable(typeof(SlotSource))]
[JsonSerializable(typeof(SmsReplyKind))]
[JsonSerializable(typeof(SuppressionReason))]
[JsonSerializable(typeof(SuppressionTargetKind))]
internal sealed partial class FollowUpsJsonContext : JsonSerializerContext;
