using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>Where a claimed follow-up is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FollowUpState>))]
public enum FollowUpState
{
    /// <summary>Claimed by a call; the send is under way (or the process died during it).</summary>
    Claimed = 0,

    /// <summary>The provider accepted the message.</summary>
    Sent = 1,

    /// <summary>The send failed; the outcome says why and whether it is worth retrying.</summary>
    Failed = 2,

    /// <summary>The provider never answered the send, so it may have gone out; it is not sent again blindly.</summary>
    Unknown = 3,
}
