using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>What a do-not-contact entry matches on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SuppressionTargetKind>))]
public enum SuppressionTargetKind
{
    /// <summary>The host's contact id.</summary>
    ContactId = 0,

    /// <summary>A phone number, in E.164.</summary>
    Phone = 1,

    /// <summary>An email address, normalised (trimmed, lower case).</summary>
    Email = 2,
}
