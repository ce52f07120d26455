using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// Sorts what MailKit throws into a lost connection or a server's answer about the message. Whether a lost connection may
/// be retried depends on whether the message data had started to go out, which the caller knows (<see cref="MessageDataProgress"/>).
/// </summary>
internal static class SmtpFailure
{
    /// <summary>
    /// The connection broke or the server is closing it: a network error or timeout, a 421 reply, or a reply that answers
    /// no command of ours (a server that timed out an idle connection says "221" or "421" and hangs up; the next command
    /// reads that instead of its own reply).
    /// </summary>
    public static bool IsConnectionLost(Exception exception) => exception is IOException
        or SocketException
        or TimeoutException
        or ServiceNotConnectedException
        or SmtpProtocolException
        or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable or < (SmtpStatusCode)400 };

    /// <summary>A 4xx or 5xx reply: the server's own answer, so it knows it did not take what it answered.</summary>
    public static bool IsReply(SmtpCommandException exception) => (int)exception.StatusCode is >= 400 and < 600;

    /// <summary>The server asks for authentication that was not configured.</summary>
    public static bool IsAuthenticationRequired(SmtpCommandException exception)
        => exception.StatusCode == SmtpStatusCode.AuthenticationRequired;

    /// <summary>
    /// After 421 (service not available, closing the connection: too many connections, or a rate limit such as Gmail's
    /// 421 4.7.0 "try again later") and 432 (Microsoft 365's per-mailbox concurrency limit): capacity comes back within
    /// seconds, so a minute.
    /// </summary>
    public static readonly TimeSpan BusyWindow = TimeSpan.FromMinutes(1);

    /// <summary>After 450 (mailbox unavailable for now: greylisting, which asks for a few minutes, or a recipient receiving too fast): five minutes.</summary>
    public static readonly TimeSpan MailboxBusyWindow = TimeSpan.FromMinutes(5);

    /// <summary>After 452 (insufficient storage, such as a full mailbox): space is freed by people, slowly, so fifteen minutes.</summary>
    public static readonly TimeSpan StorageWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A 4xx reply is worth retrying later, a 5xx reply is final, except a provider's daily sending limit, which passes
    /// (<see cref="ProviderReply"/>). 421, 432, 450 and 452 say to wait and get their window as
    /// <see cref="SendResult.RetryAfter"/>; other 4xx replies are left to the retry policy's backoff. The error starts
    /// with the code and the server's own text.
    /// </summary>
    public static SendResult ToResult(SmtpCommandException exception)
    {
        var code = (int)exception.StatusCode;
        var error = $"{code} {exception.Message}".Trim();
        return ProviderReply.ToResult(error, exception.Message)
            ?? code switch
            {
                421 or 432 => SendResult.RetryLater(error, BusyWindow),
                450 => SendResult.RetryLater(error, MailboxBusyWindow),
                452 => SendResult.RetryLater(error, StorageWindow),
                >= 400 and < 500 => SendResult.TransientFailure(error),
                _ => SendResult.PermanentFailure(error),
            };
    }
}
