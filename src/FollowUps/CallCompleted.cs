using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FollowUps.Internal;

namespace FollowUps;

/// <summary>
/// A phone call that has just ended, as the host application hands it to
/// <see cref="IFollowUpEngine.HandleCallCompletedAsync"/>. Immutable; safe to share across threads.
/// <see cref="ToString"/> masks personal data as the logs do: the contact as <see cref="FollowUps.Contact.ToString"/> shows
/// it, the captured email as <c>a***@example.com</c>, the transcript as its number of turns, the consent quotes and the
/// summary as their length.
/// </summary>
public sealed record CallCompleted
{
    /// <summary>The host's account (tenant) the campaign belongs to.</summary>
    public required string AccountId { get; init; }

    /// <summary>The campaign that placed the call.</summary>
    public required string CampaignId { get; init; }

    /// <summary>The host's id of this call attempt.</summary>
    public required string CallId { get; init; }

    /// <summary>The person who was called.</summary>
    public required Contact Contact { get; init; }

    /// <summary>How the call ended.</summary>
    public required CallStatus Status { get; init; }

    /// <summary>When the call started. Required in JSON (<see cref="FollowUpsJson"/> refuses an event without it).</summary>
    [JsonRequired]
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the call ended. Required in JSON (<see cref="FollowUpsJson"/> refuses an event without it).</summary>
    [JsonRequired]
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>What was said, in order. Empty when the call was not answered. A copy of the list handed in.</summary>
    public IReadOnlyList<TranscriptTurn> Transcript { get; init => field = [.. value ?? []]; } = [];

    /// <summary>What the contact agreed to on the call, per channel, with its evidence. <see langword="null"/> reads as <see cref="CallConsent.NotAsked"/>.</summary>
    public CallConsent Consent { get; init => field = value ?? CallConsent.NotAsked; } = CallConsent.NotAsked;

    /// <summary>An email address the contact gave on the call, if any. Wins over <see cref="Contact.Email"/>.</summary>
    public string? CapturedEmail { get; init; }

    /// <summary>An appointment the call booked, if any; fills the Appointment Confirmation template.</summary>
    public Appointment? Appointment { get; init; }

    /// <summary>A short summary of the call, if any; fills the Conversation Summary template.</summary>
    public string? Summary { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AccountId = {AccountId}, CampaignId = {CampaignId}, CallId = {CallId}, Contact = {Contact}, Status = {Status}, ");
        builder.Append(CultureInfo.InvariantCulture, $"StartedAt = {StartedAt:O}, EndedAt = {EndedAt:O}, Transcript = {Transcript.Count} turns, Consent = {Consent}, ");
        builder.Append(CultureInfo.InvariantCulture, $"CapturedEmail = {Redact.Recipient(CapturedEmail?.Trim())}, Appointment = {Appointment?.ToString() ?? Printed.None}, Summary = {Printed.Length(Summary)}");
        return true;
    }
}
