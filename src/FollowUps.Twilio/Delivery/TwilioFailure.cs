using System.Net;
using Twilio.Exceptions;

namespace FollowUps.Twilio.Delivery;

/// <summary>
/// Twilio's answers and the network's failures, as send results. The rule: retry only what certainly did not create a
/// message (408, 429, 5xx, 21611, a request whose body never went out); report as unknown what may have (no answer
/// after the body went out, an unreadable success); everything else Twilio refused for good. Pure; thread-safe.
/// </summary>
internal static class TwilioFailure
{
    /// <summary>Twilio's "attempt to send to unsubscribed recipient": the contact replied STOP to this sender.</summary>
    public const int OptedOut = 21610;

    /// <summary>Twilio's "message queue is full" for the sender: it takes no more for now.</summary>
    public const int InQueueTooLong = 21611;

    /// <summary>Twilio refused the credentials.</summary>
    public const int AuthenticationFailed = 20003;

    public static SendResult FromApi(ApiException exception, HttpStatusCode? answered)
    {
        var status = exception.Status > 0 ? exception.Status : (int?)answered ?? 0;
        var what = exception.Code > 0
            ? $"Twilio error {exception.Code} (HTTP {status}): {exception.Message}"
            : $"Twilio answered HTTP {(status > 0 ? status : "?")}: {exception.Message}";
        return (exception.Code, status) switch
        {
            (OptedOut, _) => SendResult.RecipientOptedOut(what),
            (InQueueTooLong, _) or (_, 408 or 429 or >= 500) => SendResult.TransientFailure(what),
            (_, >= 200 and < 300) or (0, 0) => SendResult.Unknown($"{what}. The message may have been created; it is not sent again."),
            _ => SendResult.PermanentFailure(what),
        };
    }

    public static SendResult FromConnection(Exception exception, bool bodyStarted) =>
        !bodyStarted || NeverLeft(exception)
            ? SendResult.TransientFailure($"Twilio could not be reached, so nothing was sent: {Innermost(exception).Message}")
            : SendResult.Unknown($"No answer from Twilio ({Innermost(exception).Message}); the message may have been created, so it is not sent again.");

    /// <summary>Whether the request certainly never reached Twilio: the name did not resolve, or the connection or TLS handshake failed (also when the body had started, on a connection that was never made).</summary>
    private static bool NeverLeft(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError })
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
