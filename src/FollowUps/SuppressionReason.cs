using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>Why a do-not-contact entry exists.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SuppressionReason>))]
public enum SuppressionReason
{
    /// <summary>Added by the host or an operator: the account's do-not-contact list.</summary>
    DoNotContactList = 0,

    /// <summary>The contact replied with an opt-out word such as STOP.</summary>
    OptOutReply = 1,

    /// <summary>A provider refused a send because the recipient opted out with it.</summary>
    ProviderOptOut = 2,

    /// <summary>The contact followed an unsubscribe link.</summary>
    Unsubscribed = 3,
}
