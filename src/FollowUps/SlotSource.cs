using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>Where a template slot's value comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SlotSource>))]
public enum SlotSource
{
    /// <summary>The campaign's settings, falling back to the account default where one exists.</summary>
    Campaign = 0,

    /// <summary>The account-wide options.</summary>
    Account = 1,

    /// <summary>The contact record.</summary>
    Contact = 2,

    /// <summary>What the call produced (transcript analysis).</summary>
    Call = 3,
}
