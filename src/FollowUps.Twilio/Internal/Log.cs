using Microsoft.Extensions.Logging;

namespace FollowUps.Twilio.Internal;

/// <summary>The Twilio adapter's log messages. Event ids 200-299. Ids and decisions only; phone numbers masked.</summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Debug, "SMS {MessageSid} accepted by Twilio for {Recipient}")]
    public static partial void Sent(ILogger logger, string messageSid, string recipient);

    [LoggerMessage(201, LogLevel.Warning, "Twilio did not send the SMS to {Recipient}: {Status}")]
    public static partial void NotSent(ILogger logger, string recipient, SendStatus status);

    [LoggerMessage(202, LogLevel.Error, "Twilio refused the credentials of Twilio account {AccountSid} for account {AccountId}; its sends fail without contacting Twilio until {RetryAt:u}, so the token is not tried again and again")]
    public static partial void CredentialsRefused(ILogger logger, string accountId, string accountSid, DateTimeOffset retryAt);

    [LoggerMessage(203, LogLevel.Warning, "A Twilio webhook to {Path} was refused: its X-Twilio-Signature does not match")]
    public static partial void SignatureRejected(ILogger logger, string path);

    [LoggerMessage(204, LogLevel.Information, "{Sender} replied {Reply} to account {AccountId}")]
    public static partial void Reply(ILogger logger, string sender, SmsReplyKind reply, string accountId);

    [LoggerMessage(205, LogLevel.Information, "{Sender} replied START, but their number is on account {AccountId}'s do-not-contact list for another reason ({Reason}); it stays")]
    public static partial void OptInKeptSuppression(ILogger logger, string sender, string accountId, SuppressionReason reason);

    [LoggerMessage(206, LogLevel.Debug, "Delivery report {Status} for SMS {MessageSid}: {Update}")]
    public static partial void Delivery(ILogger logger, string messageSid, DeliveryStatus status, DeliveryUpdate update);

    [LoggerMessage(207, LogLevel.Warning, "A Twilio webhook to {Path} was malformed: {Problem}")]
    public static partial void Malformed(ILogger logger, string path, string problem);

    [LoggerMessage(208, LogLevel.Error, "Webhooks of account {AccountId} cannot be checked: it has no auth token ({Source}), so every webhook to it is refused")]
    public static partial void NoAuthToken(ILogger logger, string accountId, string source);

    [LoggerMessage(210, LogLevel.Information, "Asked Twilio about attempt {Attempt} of follow-up {FollowUpKey}, whose outcome was unknown: {Verdict} {MessageSid}")]
    public static partial void Reconciled(ILogger logger, string followUpKey, int attempt, ReconciliationVerdict verdict, string? messageSid);

    [LoggerMessage(211, LogLevel.Warning, "Twilio reported {Status} for message {MessageSid} of attempt {Attempt} of follow-up {FollowUpKey}, which was sent again since: the contact may have got the follow-up twice")]
    public static partial void OtherAttempt(ILogger logger, string messageSid, DeliveryStatus status, int? attempt, string? followUpKey);

    [LoggerMessage(209, LogLevel.Debug, "Not contacting Twilio for account {AccountId}: it refused the credentials of Twilio account {AccountSid}, which are tried again from {RetryAt:u}")]
    public static partial void CredentialsCoolingDown(ILogger logger, string accountId, string accountSid, DateTimeOffset retryAt);

    [LoggerMessage(212, LogLevel.Warning, "A Twilio status callback to account {AccountId}'s URL names a follow-up of another account; it was refused")]
    public static partial void OtherAccountsCallback(ILogger logger, string accountId);
}
