namespace FollowUps.Twilio.Inbound;

/// <summary>Twilio's <c>MessageStatus</c> values as FollowUps' delivery statuses. Pure; thread-safe.</summary>
internal static class TwilioMessageStatus
{
    /// <summary>The delivery status, or <see langword="null"/> for one FollowUps does not track (inbound statuses, unknown new ones).</summary>
    public static DeliveryStatus? ToDeliveryStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" => DeliveryStatus.Queued,
        "sending" or "sent" => DeliveryStatus.Sent,
        "delivered" or "read" => DeliveryStatus.Delivered,
        "undelivered" => DeliveryStatus.Undelivered,
        "failed" or "canceled" => DeliveryStatus.Failed,
        _ => null,
    };
}
