using Microsoft.Extensions.Logging;

namespace FollowUps.Smtp.Internal;

/// <summary>The SMTP adapter's log messages. Event ids 300-399. Ids and decisions only; addresses masked; never a secret.</summary>
internal static partial class Log
{
    private static readonly Func<ILogger, string, string, IDisposable?> MailboxScope =
        LoggerMessage.DefineScope<string, string>("SMTP mailbox of account {AccountId} on {MailboxHost}");

    /// <summary>Names the account and its mailbox's server on every event of one send (never a secret).</summary>
    public static IDisposable? BeginMailbox(ILogger logger, string accountId, string host) => MailboxScope(logger, accountId, host);

    [LoggerMessage(300, LogLevel.Debug, "Connecting to the SMTP server {Host}:{Port} ({Security}) for the mailbox of account {AccountId}")]
    public static partial void Connecting(ILogger logger, string host, int port, SmtpSecurity security, string accountId);

    [LoggerMessage(301, LogLevel.Information, "Connected to the SMTP server {Host}:{Port}; encrypted: {Secure}, authenticated: {Authenticated}")]
    public static partial void Connected(ILogger logger, string host, int port, bool secure, bool authenticated);

    [LoggerMessage(302, LogLevel.Debug, "Email {MessageId} to {Recipient} accepted by the SMTP server")]
    public static partial void Sent(ILogger logger, string messageId, string recipient);

    [LoggerMessage(303, LogLevel.Warning, "The SMTP connection to {Host}:{Port} was lost before email {MessageId} started to go out; reconnecting to send it once more")]
    public static partial void ConnectionLost(ILogger logger, Exception exception, string host, int port, string messageId);

    [LoggerMessage(304, LogLevel.Warning, "Email {MessageId} to {Recipient} not sent: the SMTP server {Host}:{Port} could not be reached")]
    public static partial void Unreachable(ILogger logger, Exception exception, string messageId, string recipient, string host, int port);

    [LoggerMessage(305, LogLevel.Warning, "Email {MessageId} to {Recipient} refused by the SMTP server with {StatusCode}: {Status}")]
    public static partial void Refused(ILogger logger, string messageId, string recipient, int statusCode, SendStatus status);

    [LoggerMessage(306, LogLevel.Error, "The SMTP server {Host}:{Port} refused the configuration: {Problem}")]
    public static partial void Misconfigured(ILogger logger, Exception exception, string host, int port, string problem);

    [LoggerMessage(307, LogLevel.Warning, "Email {MessageId} refused before sending: {Problem}")]
    public static partial void Invalid(ILogger logger, string messageId, string problem);

    [LoggerMessage(308, LogLevel.Warning, "The SMTP server {Host}:{Port} refused the credentials; sends fail without contacting it until {RetryAt:u}, so the account is not locked")]
    public static partial void CredentialsRefused(ILogger logger, string host, int port, DateTimeOffset retryAt);

    [LoggerMessage(309, LogLevel.Debug, "Not contacting the SMTP server {Host}:{Port}: it refused the credentials, which are tried again from {RetryAt:u}")]
    public static partial void CredentialsCoolingDown(ILogger logger, string host, int port, DateTimeOffset retryAt);

    [LoggerMessage(310, LogLevel.Warning, "Email {MessageId} to {Recipient}: no answer from the SMTP server {Host}:{Port} after the message data went out; the server may have taken it, so it is unknown and not sent again")]
    public static partial void NoAnswer(ILogger logger, Exception exception, string messageId, string recipient, string host, int port);

    [LoggerMessage(311, LogLevel.Warning, "The SMTP server {Host}:{Port} refused the access token of account {AccountId}'s mailbox; asking for a fresh one and trying once more")]
    public static partial void TokenRefusedOnce(ILogger logger, string host, int port, string accountId);

    [LoggerMessage(312, LogLevel.Warning, "Email {MessageId} not sent: every connection of account {AccountId}'s mailbox on {Host} stayed busy for {Wait}; handed to the dispatcher")]
    public static partial void MailboxBusy(ILogger logger, string messageId, string accountId, string host, TimeSpan wait);

    [LoggerMessage(313, LogLevel.Warning, "The SMTP mailbox of account {AccountId} could not be read; nothing sent, tried again later")]
    public static partial void MailboxUnreadable(ILogger logger, Exception exception, string accountId);

    [LoggerMessage(314, LogLevel.Warning, "The SMTP mailbox of account {AccountId} cannot be used: {Problem}")]
    public static partial void MailboxInvalid(ILogger logger, string accountId, string problem);

    [LoggerMessage(315, LogLevel.Information, "The SMTP mailbox of account {AccountId} changed (from {OldHost} to {NewHost}); closing its connections")]
    public static partial void MailboxChanged(ILogger logger, string accountId, string oldHost, string? newHost);

    [LoggerMessage(316, LogLevel.Information, "Account {AccountId} was invalidated; forgetting its SMTP mailbox on {Host} and closing its connections")]
    public static partial void MailboxInvalidated(ILogger logger, string accountId, string host);

    [LoggerMessage(317, LogLevel.Debug, "Closing the least recently used idle SMTP connection (account {AccountId}, {Host}) to make room for account {ForAccountId}'s mailbox")]
    public static partial void ClosingLeastRecentlyUsed(ILogger logger, string accountId, string host, string forAccountId);

    [LoggerMessage(318, LogLevel.Debug, "Forgetting the SMTP mailboxes of {Count} accounts unused for {Lifetime}; closing their idle connections")]
    public static partial void MailboxesForgotten(ILogger logger, int count, TimeSpan lifetime);
}
