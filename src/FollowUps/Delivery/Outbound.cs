namespace FollowUps.Delivery;

/// <summary>
/// A rendered follow-up: its key, its message (stored in the outbox), its outcomes, and its send through the sender of
/// its kind. One small object per follow-up: the send is a virtual call (no delegate, no closure), and each outcome is
/// made whole when it is known (no outcome made before the send and copied after).
/// </summary>
internal abstract class Outbound
{
    /// <summary>The follow-up.</summary>
    public abstract FollowUpKey Key { get; }

    /// <summary>The recipient: the E.164 number or the email address.</summary>
    public abstract string Recipient { get; }

    /// <summary>The rendered SMS, for an SMS follow-up.</summary>
    public virtual SmsMessage? Sms => null;

    /// <summary>The rendered email, for an email follow-up.</summary>
    public virtual EmailMessage? Email => null;

    /// <summary>Whether the sender says when its request leaves (<see cref="ISignalsRequestLeaving"/>).</summary>
    public bool SignalsLeaving => SenderObject is ISignalsRequestLeaving;

    /// <summary>An SMS that does not fit the segment budget even shortened: not sent, not claimed.</summary>
    public bool OverBudget { get; private init; }

    /// <summary>The sender's name for a sentence when the sender gives none: its type's name, without a generic arity ("Retrying`1" reads "Retrying").</summary>
    public string Sender
    {
        get
        {
            var name = SenderObject.GetType().Name;
            var arity = name.IndexOf('`', StringComparison.Ordinal);
            return arity < 0 ? name : name[..arity];
        }
    }

    /// <summary>The sender this follow-up goes through.</summary>
    private protected abstract object SenderObject { get; }

    /// <summary>Sends attempt <paramref name="attempt"/> (1 for the first): the message goes out tagged with it.</summary>
    public abstract Task<SendResult> SendAsync(int attempt, CancellationToken cancellationToken);

    /// <summary>This follow-up's outcome: its kind and message (recipient, template or subject, text) with <paramref name="status"/>, <paramref name="reason"/>, <paramref name="detail"/> and the provider's id.</summary>
    public abstract FollowUpOutcome Outcome(OutcomeStatus status, OutcomeReason reason, string? detail = null, string? providerMessageId = null);

    /// <summary>An SMS to send through <paramref name="sender"/>; <paramref name="overBudget"/> when it does not fit the account's segment budget.</summary>
    public static Outbound Of(SmsMessage message, SmsMeasure? measure, ISmsSender sender, bool overBudget = false) =>
        new SmsOutbound(message, measure, sender) { OverBudget = overBudget };

    /// <summary>An email (follow-up or missed-call) to send through <paramref name="sender"/>.</summary>
    public static Outbound Of(EmailMessage message, IEmailSender sender) => new EmailOutbound(message, sender);

    /// <summary>An SMS's outcome before its send: its recipient, template and text.</summary>
    public static FollowUpOutcome PreparedFor(SmsMessage message, SmsMeasure? measure) =>
        SmsOutbound.OutcomeOf(message, measure, OutcomeStatus.Failed, OutcomeReason.SenderError, detail: null, providerMessageId: null);

    /// <summary>An email's outcome before its send: its recipient, subject and text.</summary>
    public static FollowUpOutcome PreparedFor(EmailMessage message) =>
        EmailOutbound.OutcomeOf(message, OutcomeStatus.Failed, OutcomeReason.SenderError, detail: null, providerMessageId: null);

    /// <summary>A rendered follow-up's outcome before its send: failed until the sender says sent, so no path reports a send by default.</summary>
    public static FollowUpOutcome Unsent(FollowUpKind kind, string recipient) =>
        new() { Kind = kind, Status = OutcomeStatus.Failed, Reason = OutcomeReason.SenderError, Recipient = recipient };

    private sealed class SmsOutbound(SmsMessage message, SmsMeasure? measure, ISmsSender sender) : Outbound
    {
        public override FollowUpKey Key => message.Key;

        public override string Recipient => message.To;

        public override SmsMessage Sms => message;

        private protected override object SenderObject => sender;

        public override Task<SendResult> SendAsync(int attempt, CancellationToken cancellationToken) =>
            sender.SendAsync(message with { Attempt = attempt }, cancellationToken);

        public override FollowUpOutcome Outcome(OutcomeStatus status, OutcomeReason reason, string? detail = null, string? providerMessageId = null) =>
            OutcomeOf(message, measure, status, reason, detail, providerMessageId);

        public static FollowUpOutcome OutcomeOf(SmsMessage message, SmsMeasure? measure, OutcomeStatus status, OutcomeReason reason, string? detail, string? providerMessageId) => new()
        {
            Kind = FollowUpKind.Sms,
            Status = status,
            Reason = reason,
            Detail = detail,
            Recipient = message.To,
            Template = message.Template,
            Text = message.Body,
            SmsMeasure = measure,
            ProviderMessageId = providerMessageId,
        };
    }

    private sealed class EmailOutbound(EmailMessage message, IEmailSender sender) : Outbound
    {
        public override FollowUpKey Key => message.Key;

        public override string Recipient => message.To;

        public override EmailMessage Email => message;

        private protected override object SenderObject => sender;

        public override Task<SendResult> SendAsync(int attempt, CancellationToken cancellationToken) =>
            sender.SendAsync(message with { Attempt = attempt }, cancellationToken);

        public override FollowUpOutcome Outcome(OutcomeStatus status, OutcomeReason reason, string? detail = null, string? providerMessageId = null) =>
            OutcomeOf(message, status, reason, detail, providerMessageId);

        public static FollowUpOutcome OutcomeOf(EmailMessage message, OutcomeStatus status, OutcomeReason reason, string? detail, string? providerMessageId) => new()
        {
            Kind = message.Key.Kind,
            Status = status,
            Reason = reason,
            Detail = detail,
            Recipient = message.To,
            Subject = message.Subject,
            Text = message.TextBody,
            ProviderMessageId = providerMessageId,
        };
    }
}
