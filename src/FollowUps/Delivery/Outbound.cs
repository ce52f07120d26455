namespace FollowUps.Delivery;

/// <summary>A rendered follow-up: its key, its outcome if sent, its message (stored in the outbox), and its send.</summary>
/// <param name="Key">The follow-up.</param>
/// <param name="Prepared">Its outcome before the send.</param>
/// <param name="Sender">The sender's name (its type), for a sentence when the sender gives none.</param>
/// <param name="Send">The send, given the attempt's number (1 for the first): the message goes out tagged with it.</param>
internal sealed record Outbound(
    FollowUpKey Key,
    FollowUpOutcome Prepared,
    string Sender,
    Func<int, CancellationToken, Task<SendResult>> Send)
{
    /// <summary>The rendered SMS, for an SMS follow-up.</summary>
    public SmsMessage? Sms { get; init; }

    /// <summary>The rendered email, for an email follow-up.</summary>
    public EmailMessage? Email { get; init; }

    /// <summary>Whether the sender says when its request leaves (<see cref="ISignalsRequestLeaving"/>).</summary>
    public bool SignalsLeaving { get; init; }

    /// <summary>An SMS that does not fit the segment budget even shortened: not sent, not claimed.</summary>
    public bool OverBudget { get; init; }

    /// <summary>An SMS to send through <paramref name="sender"/>.</summary>
    public static Outbound Of(SmsMessage message, SmsMeasure measure, ISmsSender sender) => new(
        message.Key,
        PreparedFor(message, measure),
        NameOf(sender),
        (attempt, ct) => sender.SendAsync(message with { Attempt = attempt }, ct))
    {
        Sms = message,
        SignalsLeaving = sender is ISignalsRequestLeaving,
    };

    /// <summary>An email (follow-up or missed-call) to send through <paramref name="sender"/>.</summary>
    public static Outbound Of(EmailMessage message, IEmailSender sender) => new(
        message.Key,
        PreparedFor(message),
        NameOf(sender),
        (attempt, ct) => sender.SendAsync(message with { Attempt = attempt }, ct))
    {
        Email = message,
        SignalsLeaving = sender is ISignalsRequestLeaving,
    };

    /// <summary>An SMS's outcome before its send: its recipient, template and text.</summary>
    public static FollowUpOutcome PreparedFor(SmsMessage message, SmsMeasure? measure) =>
        new() { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Recipient = message.To, Template = message.Template, Text = message.Body, SmsMeasure = measure };

    /// <summary>An email's outcome before its send: its recipient, subject and text.</summary>
    public static FollowUpOutcome PreparedFor(EmailMessage message) =>
        new() { Kind = message.Key.Kind, Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Recipient = message.To, Subject = message.Subject, Text = message.TextBody };

    /// <summary>A rendered follow-up's outcome before its send: failed until the sender says sent, so no path reports a send by default.</summary>
    public static FollowUpOutcome Unsent(FollowUpKind kind, string recipient) =>
        new() { Kind = kind, Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Recipient = recipient };

    /// <summary>A sender's name for a sentence: its type's name, without a generic arity ("Retrying`1" reads "Retrying").</summary>
    private static string NameOf(object sender)
    {
        var name = sender.GetType().Name;
        var arity = name.IndexOf('`', StringComparison.Ordinal);
        return arity < 0 ? name : name[..arity];
    }
}
