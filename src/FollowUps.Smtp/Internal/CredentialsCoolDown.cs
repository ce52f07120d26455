using System.Globalization;

namespace FollowUps.Internal;

/// <summary>
/// Remembers that the provider refused the account's credentials, so that sends within the delay are refused at once
/// with the same error and the time left, instead of trying the same wrong credentials again: providers lock an account
/// that fails to log in too often. Thread-safe. One source file, compiled into each adapter package that needs it.
/// </summary>
/// <param name="provider">Who is not contacted meanwhile, such as <c>the SMTP server</c> or <c>Twilio</c>.</param>
/// <param name="setting">The setting that holds the delay, such as <c>FollowUps:Smtp:AuthenticationRetryDelay</c>.</param>
/// <param name="timeProvider">The clock.</param>
internal sealed class CredentialsCoolDown(string provider, string setting, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private string? _error;
    private DateTimeOffset _retryAt;

    /// <summary>When the credentials may be tried again; meaningful after <see cref="Start"/>.</summary>
    public DateTimeOffset RetryAt
    {
        get
        {
            lock (_lock)
            {
                return _retryAt;
            }
        }
    }

    /// <summary>
    /// Starts (or starts again) the delay and returns the result for the send that was refused: <paramref name="problem"/>
    /// and when the credentials will be tried again, never a secret. <see cref="Refusal"/> returns the same error until
    /// the delay ends.
    /// </summary>
    public SendResult Start(string problem, TimeSpan delay)
    {
        lock (_lock)
        {
            _retryAt = timeProvider.GetUtcNow() + delay;
            var retryAt = _retryAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            _error = $"{problem} To keep the account from being locked, sends fail without contacting {provider} until {retryAt} UTC ({setting}); the first send after that tries the credentials again.";
            return SendResult.CredentialsRefused(_error, delay);
        }
    }

    /// <summary>
    /// The result to report instead of contacting the provider, with the time left of the delay as its
    /// <see cref="SendResult.RetryAfter"/>; <see langword="null"/> when the credentials may be tried.
    /// </summary>
    public SendResult? Refusal()
    {
        lock (_lock)
        {
            if (_error is null)
            {
                return null;
            }

            var left = _retryAt - timeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                _error = null;
                return null;
            }

            return SendResult.CredentialsRefused(_error, left);
        }
    }
}
