using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FollowUps.Json;

namespace FollowUps;

/// <summary>JSON for the call event, campaign settings and report.</summary>
public static class FollowUpsJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Metadata for <see cref="FollowUps.CallCompleted"/>.</summary>
    public static JsonTypeInfo<CallCompleted> CallCompleted { get; } = (JsonTypeInfo<CallCompleted>)Options.GetTypeInfo(typeof(CallCompleted));

    /// <summary>Metadata for <see cref="FollowUps.CampaignFollowUpSettings"/>.</summary>
    public static JsonTypeInfo<CampaignFollowUpSettings> CampaignFollowUpSettings { get; } = (JsonTypeInfo<CampaignFollowUpSettings>)Options.GetTypeInfo(typeof(CampaignFollowUpSettings));

    /// <summary>Metadata for <see cref="FollowUps.FollowUpReport"/>.</summary>
    public static JsonTypeInfo<FollowUpReport> FollowUpReport { get; } = (JsonTypeInfo<FollowUpReport>)Options.GetTypeInfo(typeof(FollowUpReport));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = FollowUpsJsonContext.Default };
        options.MakeReadOnly();
        return options;
    }
}
