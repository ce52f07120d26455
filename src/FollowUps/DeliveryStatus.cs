using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>
/// What a provider last reported about a sent message on its way to the handset or inbox. It moves forward only:
/// <see cref="Queued"/>, then <see cref="Sent"/>, then one of <see cref="Delivered"/>, <see cref="Undelivered"/> or
/// <see cref="Failed"/>, which are final (see <see cref="DeliveryReport.Advances"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>The provider holds the message and has not passed it on yet.</summary>
    Queued = 0,

    /// <summary>The provider passed the message to the carrier.</summary>
    Sent = 1,

    /// <summary>The carrier confirmed delivery. Final.</summary>
    Delivered = 2,

    /// <summary>The carrier could not deliver it (handset off or unreachable, filtered); the report's error code says why. Final.</summary>
    Undelivered = 3,

    /// <summary>The provider could not send it at all; the report's error code says why. Final.</summary>
    Failed = 4,
}
