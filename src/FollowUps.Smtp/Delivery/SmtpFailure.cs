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
    /// A 4xx reply is worth retrying later; a 5xx reply is final, except a provider's daily sending limit, which passes
    /// (<see cref="ProviderReply"/>). The error starts with the code and the server's own text.
    /// </summary>
    public static SendResult ToResult(SmtpCommandException exception)
    {
        var code = (int)exception.StatusCode;
        var error = $"{code} {exception.Message}".Trim();
        return ProviderReply.ToResult(error, exception.Message)
            ?? (code is >= 400 and < 500 ? SendResult.TransientFailure(error) : SendResult.PermanentFailure(error));
    }
}
