using System.Globalization;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// Remembers that the server refused the credentials, so that sends within
/// <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/> fail with the same error instead of trying the same wrong
/// credentials again: providers lock an account that fails to log in too often. Not thread-safe: the connection that
/// owns it is used by one send at a time.
/// </summary>
internal sealed class AuthenticationCoolDown(TimeSpan delay, TimeProvider timeProvider)
{
    private string? _message;
    private Exception? _cause;

    /// <summary>When the credentials may be tried again; meaningful after <see cref="Start"/>.</summary>
    public DateTimeOffset RetryAt { get; private set; }

    /// <summary>
    /// Starts the delay and returns the error to throw now: <paramref name="problem"/> and when the credentials will be
    /// tried again. <see cref="Refusal"/> returns the same error until the delay ends.
    /// </summary>
    public InvalidOperationException Start(string problem, Exception cause)
    {
        RetryAt = timeProvider.GetUtcNow() + delay;
        var retryAt = RetryAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        _message = $"{problem} To keep the account from being locked, sends fail without contacting the server until {retryAt} UTC (FollowUps:Smtp:AuthenticationRetryDelay); the first send after that tries the credentials again.";
        _cause = cause;
        return new InvalidOperationException(_message, _cause);
    }

    /// <summary>A new copy of the error to throw instead of contacting the server, or null when the credentials may be tried.</summary>
    public InvalidOperationException? Refusal()
    {
        if (_message is null || timeProvider.GetUtcNow() >= RetryAt)
        {
            _message = null;
            _cause = null;
            return null;
        }

        return new InvalidOperationException(_message, _cause);
    }
}
