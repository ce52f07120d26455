using Microsoft.Extensions.Logging;

namespace FollowUps.Smtp.Internal;

/// <summary>The SMTP adapter's log messages. Event ids 300-399. Ids and decisions only; addresses masked; never a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(300, LogLevel.Debug, "Connecting to the SMTP server {Host}:{Port} ({Security})")]
    public static partial void Connecting(ILogger logger, string host, int port, SmtpSecurity security);

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
}
