using System.Text.Json.Serialization;

namespace FollowUps.Json;

/// <summary>
/// The strict converter of every public enum, for <see cref="FollowUpsJson.Options"/>. Listed by hand because a
/// generic converter cannot be made at run time without reflection (native AOT); a test checks none is missing.
/// </summary>
internal static class StrictEnums
{
    public static IReadOnlyList<JsonConverter> All { get; } =
    [
        new StrictEnumConverter<CallStatus>(), new StrictEnumConverter<ConsentStatus>(), new StrictEnumConverter<DeliveryStatus>(),
        new StrictEnumConverter<DeliveryUpdate>(), new StrictEnumConverter<FollowUpKind>(), new StrictEnumConverter<FollowUpState>(),
        new StrictEnumConverter<OutcomeReason>(), new StrictEnumConverter<OutcomeStatus>(), new StrictEnumConverter<SendStatus>(),
        new StrictEnumConverter<SlotSource>(), new StrictEnumConverter<SmsEncoding>(), new StrictEnumConverter<SmsReplyKind>(),
        new StrictEnumConverter<SmsTemplateKind>(), new StrictEnumConverter<Speaker>(), new StrictEnumConverter<SuppressionReason>(),
        new StrictEnumConverter<SuppressionTargetKind>(), new StrictEnumConverter<WaitReason>(), new StrictEnumConverter<ReconciliationVerdict>(),
    ];
}
