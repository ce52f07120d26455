using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>Why a follow-up is <see cref="FollowUpState.Waiting"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WaitReason>))]
public enum WaitReason
{
    /// <summary>Not waiting.</summary>
    None = 0,

    /// <summary>A send failed in a way worth retrying; the retry policy chose when.</summary>
    Retry = 1,

    /// <summary>The provider asked to wait: a rate or quota window.</summary>
    ProviderLimit = 2,

    /// <summary>The provider refused the account's credentials; waiting out the adapter's cool-down.</summary>
    CredentialsCoolDown = 3,
}
