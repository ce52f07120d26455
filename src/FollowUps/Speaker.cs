using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>Who spoke a transcript turn.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Speaker>))]
public enum Speaker
{
    /// <summary>The AI agent placing the call.</summary>
    Agent = 0,

    /// <summary>The person who was called.</summary>
    Contact = 1,
}
