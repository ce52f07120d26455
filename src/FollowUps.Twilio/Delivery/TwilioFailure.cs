using System.Net;
using System.Net.Http.Headers;
using Twilio.Exceptions;

namespace FollowUps.Twilio.Delivery;

/// <summary>
/// Twilio's answers and the network's failures, as send results. The rule: retry only what certainly did not create a
/// message (408, 429, 5xx, 21611, a request whose body never went out); report as unknown what may have (no answer
/// after the body went out, an unreadable success); everything else Twilio refused for good. A rate answer (429) and a
/// full queue (21611) say when to try again: the <c>Retry-After</c> header's window when Twilio sent one, else
/// <see cref="RateWindow"/> or <see cref="QueueFullWindow"/>. Pure; thread-safe.
/// </summary>
internal static class TwilioFailure
{
    /// <summary>Twilio's "attempt to send to unsubscribed recipient": the contact replied STOP to this sender.</summary>
    public const int OptedOut = 21610;

    /// <summary>Twilio's "message queue is full" for the sender: it takes no more for now.</summary>
    public const int InQueueTooLong = 21611;

    /// <summary>Twilio refused the credentials.</summary>
    public const int AuthenticationFailed = 20003;

    /// <summary>How long to wait after a 429 without a <c>Retry-After</c>: Twilio's request-rate limits are per second, so a minute is plenty and still soon.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long to wait after 21611: the sender's queue holds up to four hours of its throughput and drains at that rate
    /// (one message a second for a long code), so space comes back gradually; five minutes frees hundreds of places
    /// without the follow-up waiting long.
    /// </summary>
    public static readonly TimeSpan QueueFullWindow = TimeSpan.FromMinutes(5);

    /// <summary>The longest <c>Retry-After</c> taken as given: a day, so a broken header cannot park a follow-up for good.</summary>
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(1);

    /// <summary>Whether Twilio refused the credentials: error 20003, or a 401 without Twilio's JSON.</summary>
    public static bool IsCredentialsRefused(ApiException exception, HttpStatusCode? answered)
        => exception.Code == AuthenticationFailed || (exception.Code == 0 && (exception.Status == 401 || answered == HttpStatusCode.Unauthorized));

    /// <summary>Maps Twilio's error answer; <paramref name="retryAfter"/> is its <c>Retry-After</c> window, if it had one (see <see cref="Window"/>).</summary>
    public static SendResult FromApi(ApiException exception, HttpStatusCode? answered, TimeSpan? retryAfter = null)
    {
        var status = exception.Status > 0 ? exception.Status : (int?)answered ?? 0;
        var what = exception.Code > 0
            ? $"Twilio error {exception.Code} (HTTP {status}): {exception.Message}"
            : $"Twilio answered HTTP {(status > 0 ? status : "?")}: {exception.Message}";
        return (exception.Code, status) switch
        {
            (OptedOut, _) => SendResult.RecipientOptedOut(what),
            (InQueueTooLong, _) => SendResult.RetryLater(what, retryAfter ?? QueueFullWindow),
            (_, 429) => SendResult.RetryLater(what, retryAfter ?? RateWindow),
            (_, 408 or >= 500) => SendResult.TransientFailure(what),
            (_, >= 200 and < 300) or (0, 0) => SendResult.Unknown($"{what}. The message may have been created; it is not sent again."),
            _ => SendResult.PermanentFailure(what),
        };
    }

    /// <summary>
    /// The window a <c>Retry-After</c> header gives, counted from <paramref name="now"/>: seconds as they are, a date less
    /// now (a past one is zero), at most <see cref="LongestWindow"/>; <see langword="null"/> without a header.
    /// </summary>
    public static TimeSpan? Window(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var window = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return window is { } value ? TimeSpan.FromTicks(Math.Clamp(value.Ticks, 0, LongestWindow.Ticks)) : null;
    }

    public static SendResult FromConnection(Exception exception, bool bodyStarted) =>
        !bodyStarted || NeverLeft(exception)
            ? SendResult.TransientFailure($"Twilio could not be reached, so nothing was sent: {Innermost(exception).Message}")
            : SendResult.Unknown($"No answer from Twilio ({Innermost(exception).Message}); the message may have been created, so it is not sent again blindly.");

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
