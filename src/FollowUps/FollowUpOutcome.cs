using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FollowUps.Internal;

namespace FollowUps;

/// <summary>
/// What happened to one follow-up of one call. Immutable. A follow-up skipped before it was rendered carries only
/// its reason; one that got as far as rendering (sent, failed, or skipped as <see cref="OutcomeReason.AlreadySent"/>,
/// <see cref="OutcomeReason.AlreadyAttempted"/> or <see cref="OutcomeReason.OverSegmentBudget"/>) also carries its
/// recipient and text, and for SMS its <see cref="SmsMeasure"/>. <see cref="ToString"/> masks the recipient as the logs
/// do (also where <see cref="Detail"/> quotes it) and shows the subject and text only as their length.
/// </summary>
public sealed record FollowUpOutcome
{
    /// <summary>Which follow-up.</summary>
    public required FollowUpKind Kind { get; init; }

    /// <summary>Sent, skipped or failed.</summary>
    public required OutcomeStatus Status { get; init; }

    /// <summary>Why it was skipped or failed; <see cref="OutcomeReason.None"/> when sent.</summary>
    public required OutcomeReason Reason { get; init; }

    /// <summary>A sentence for people: what was missing, which field, what the provider said.</summary>
    public string? Detail { get; init; }

    /// <summary>Where it went or would have gone: an E.164 phone number or a normalised email address.</summary>
    public string? Recipient { get; init; }

    /// <summary>The fixed template used, for SMS.</summary>
    public SmsTemplateKind? Template { get; init; }

    /// <summary>The email subject, for emails.</summary>
    public string? Subject { get; init; }

    /// <summary>The rendered text: the SMS body, or the plain-text email body.</summary>
    public string? Text { get; init; }

    /// <summary>For SMS: the encoding and segment count of <see cref="Text"/>.</summary>
    public SmsMeasure? SmsMeasure { get; init; }

    /// <summary>The provider's message id, when sent.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>
    /// Who decided this outcome when a person did (an operator settling or cancelling a follow-up by hand, through
    /// <see cref="IFollowUpOperator"/>), as the host named them; <see langword="null"/> when FollowUps decided.
    /// <see cref="Detail"/> then gives their reason.
    /// </summary>
    public string? DecidedBy { get; init; }

    /// <summary>Whether the follow-up was sent. Not written to JSON: <see cref="Status"/> says it.</summary>
    [JsonIgnore]
    public bool IsSent => Status == OutcomeStatus.Sent;

    /// <summary>A skipped outcome.</summary>
    /// <param name="kind">Which follow-up.</param>
    /// <param name="reason">Why.</param>
    /// <param name="detail">A sentence for people.</param>
    /// <returns>The outcome.</returns>
    public static FollowUpOutcome Skipped(FollowUpKind kind, OutcomeReason reason, string? detail = null) =>
        new() { Kind = kind, Status = OutcomeStatus.Skipped, Reason = reason, Detail = detail };

    /// <summary>One line for logs: kind, status, the reason unless sent, and the masked recipient, such as <c>Sms Sent to +1******2671</c>.</summary>
    internal string Summary()
    {
        var reason = Reason == OutcomeReason.None ? "" : $" {Reason}";
        var to = string.IsNullOrEmpty(Recipient) ? "" : $" to {Redact.Recipient(Recipient)}";
        return $"{Kind} {Status}{reason}{to}";
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Kind = {Kind}, Status = {Status}, Reason = {Reason}, Detail = {Printed.Sentence(Detail, Recipient)}, ");
        builder.Append(CultureInfo.InvariantCulture, $"Recipient = {Redact.Recipient(Recipient)}, Template = {Template?.ToString() ?? Printed.None}, Subject = {Printed.Length(Subject)}, ");
        builder.Append(CultureInfo.InvariantCulture, $"Text = {Printed.Length(Text)}, SmsMeasure = {SmsMeasure?.ToString() ?? Printed.None}, ProviderMessageId = {ProviderMessageId ?? Printed.None}, DecidedBy = {DecidedBy ?? Printed.None}");
        return true;
    }
}
