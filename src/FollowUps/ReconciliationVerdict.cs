using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>What a provider said about a send whose outcome was unknown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReconciliationVerdict>))]
public enum ReconciliationVerdict
{
    /// <summary>The provider cannot tell yet; the follow-up stays unknown.</summary>
    CannotTell = 0,

    /// <summary>The provider has the message: the follow-up was sent.</summary>
    Found = 1,

    /// <summary>The provider does not have it and can no longer send it: the follow-up is sent again.</summary>
    Absent = 2,
}
