namespace FollowUps;

/// <summary>One delivery report from a provider (such as a Twilio status callback) about a sent message. Immutable.</summary>
public sealed record DeliveryReport
{
    /// <summary>The provider's id of the message, as <see cref="FollowUpOutcome.ProviderMessageId"/> recorded it.</summary>
    public required string ProviderMessageId { get; init; }

    /// <summary>The status reported.</summary>
    public required DeliveryStatus Status { get; init; }

    /// <summary>The provider's error code for <see cref="DeliveryStatus.Undelivered"/> or <see cref="DeliveryStatus.Failed"/>, such as Twilio's <c>30003</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>
    /// The follow-up the report is about, when the provider hands it back (FollowUps.Twilio puts it in each message's
    /// status callback URL, which Twilio signs). With it a store finds the follow-up even before the send's outcome is
    /// recorded, and for a send whose outcome is unknown; without it, by <see cref="ProviderMessageId"/>.
    /// </summary>
    public FollowUpKey? Key { get; init; }

    /// <summary>When the report arrived, from the receiver's clock.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// Whether this report moves a message whose last status is <paramref name="current"/> forward: queued before sent,
    /// sent before any final status; once final, nothing moves it. So a repeated, late or out-of-order report changes
    /// nothing. Stores apply a report only when this is <see langword="true"/>.
    /// </summary>
    /// <param name="current">The status recorded so far, or <see langword="null"/> when none.</param>
    /// <returns>Whether to record this report.</returns>
    public bool Advances(DeliveryStatus? current) => Rank(Status) > (current is { } status ? Rank(status) : -1);

    private static int Rank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Queued => 0,
        DeliveryStatus.Sent => 1,
        _ => 2,
    };
}
