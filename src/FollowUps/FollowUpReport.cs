using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace FollowUps;

/// <summary>
/// What the engine did with one completed call: one outcome per kind, always all three. Immutable. <see cref="ToString"/>
/// lists the outcomes on one line (kind, status, reason, masked recipient), for logs.
/// </summary>
public sealed record FollowUpReport
{
    /// <summary>The call this report is about.</summary>
    public required string CallId { get; init; }

    /// <summary>The contact the call was to.</summary>
    public required string ContactId { get; init; }

    /// <summary>The SMS follow-up.</summary>
    public required FollowUpOutcome Sms { get; init; }

    /// <summary>The email follow-up.</summary>
    public required FollowUpOutcome Email { get; init; }

    /// <summary>The missed-call email.</summary>
    public required FollowUpOutcome MissedCallEmail { get; init; }

    /// <summary>The three outcomes in kind order: SMS, email, missed-call email. Not written to JSON: each outcome is there once, under its kind.</summary>
    [JsonIgnore]
    public IReadOnlyList<FollowUpOutcome> Outcomes => [Sms, Email, MissedCallEmail];

    /// <summary>The outcome of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its outcome.</returns>
    public FollowUpOutcome this[FollowUpKind kind] => kind switch
    {
        FollowUpKind.Sms => Sms,
        FollowUpKind.Email => Email,
        FollowUpKind.MissedCallEmail => MissedCallEmail,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown follow-up kind."),
    };

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"CallId = {CallId}, ContactId = {ContactId}, Outcomes = [{string.Join(", ", Outcomes.Select(o => o.Summary()))}]");
        return true;
    }
}
