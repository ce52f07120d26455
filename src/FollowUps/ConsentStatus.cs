using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>What a contact said when asked on the call whether they want a follow-up on a channel.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentStatus>))]
public enum ConsentStatus
{
    /// <summary>The agent did not ask (the default).</summary>
    NotAsked = 0,

    /// <summary>The contact agreed.</summary>
    Granted = 1,

    /// <summary>The contact said no.</summary>
    Declined = 2,
}
