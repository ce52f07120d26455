namespace FollowUps;

/// <summary>The contact's answer for one channel, with its evidence when granted. Immutable.</summary>
public sealed record ChannelConsent
{
    /// <summary>Not asked, with no evidence.</summary>
    public static ChannelConsent NotAsked { get; } = new() { Status = ConsentStatus.NotAsked };

    /// <summary>What the contact said.</summary>
    public required ConsentStatus Status { get; init; }

    /// <summary>Where the contact said it; required for <see cref="ConsentStatus.Granted"/> to count.</summary>
    public ConsentEvidence? Evidence { get; init; }

    /// <summary>Consent granted, with the evidence that traces it to a contact turn.</summary>
    /// <param name="turnIndex">Zero-based index of the contact's turn.</param>
    /// <param name="quote">The contact's words.</param>
    /// <param name="offset">When the words were said.</param>
    /// <returns>A granted consent.</returns>
    public static ChannelConsent Granted(int turnIndex, string quote, TimeSpan offset = default) => new()
    {
        Status = ConsentStatus.Granted,
        Evidence = new ConsentEvidence { TurnIndex = turnIndex, Quote = quote, Offset = offset },
    };

    /// <summary>Consent declined.</summary>
    public static ChannelConsent Declined { get; } = new() { Status = ConsentStatus.Declined };
}
