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

    /// <summary>
    /// Which send of the follow-up the report is about (1 for the first), when the provider hands it back (FollowUps.Twilio
    /// puts it in the status callback URL); <see langword="null"/> when unknown. A report of an earlier attempt, arriving
    /// after a later one was sent, is kept in the follow-up's history as that attempt's, never as its delivery.
    /// </summary>
    public int? Attempt { get; init; }

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

    /// <summary>
    /// Whether this report is about <paramref name="record"/>'s last attempt: its <see cref="Attempt"/> is that attempt
    /// (or not given), and its message is the one the follow-up was sent as (or none was recorded yet). Otherwise it is
    /// another message of the same follow-up, a duplicate a store keeps in the history and does not apply. Stores call it.
    /// </summary>
    /// <param name="record">The follow-up the report was found for.</param>
    /// <returns>Whether the report may become the follow-up's <see cref="FollowUpRecord.Delivery"/>.</returns>
    public bool IsAboutLastAttemptOf(FollowUpRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (Attempt is not { } attempt || attempt == record.Attempts)
            && (record.Outcome?.ProviderMessageId is not { } sentAs || string.Equals(sentAs, ProviderMessageId, StringComparison.Ordinal));
    }

    private static int Rank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Queued => 0,
        DeliveryStatus.Sent => 1,
        _ => 2,
    };
}
