namespace FollowUps;

/// <summary>A sender's report of one send. Immutable; create one with the static factories.</summary>
public sealed record SendResult
{
    /// <summary>What the provider said.</summary>
    public required SendStatus Status { get; init; }

    /// <summary>The provider's id for the message, when <see cref="SendStatus.Sent"/>.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>The provider's explanation when not sent, such as an error code and message. Never a secret.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// How long to wait before sending again, when the answer says (a rate or quota window, a <c>Retry-After</c>, a
    /// credentials cool-down); <see langword="null"/> leaves it to the retry policy.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Accepted by the provider.</summary>
    /// <param name="providerMessageId">The provider's id for the message.</param>
    /// <returns>The result.</returns>
    public static SendResult Sent(string providerMessageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerMessageId);
        return new() { Status = SendStatus.Sent, ProviderMessageId = providerMessageId };
    }

    /// <summary>Failed; worth retrying later.</summary>
    /// <param name="error">The provider's explanation.</param>
    /// <returns>The result.</returns>
    public static SendResult TransientFailure(string error) => new() { Status = SendStatus.TransientFailure, Error = error };

    /// <summary>Failed, nothing was sent, and the provider said when to try again: a rate or quota window.</summary>
    /// <param name="error">The provider's explanation.</param>
    /// <param name="retryAfter">How long to wait; not negative.</param>
    /// <returns>A <see cref="SendStatus.TransientFailure"/> with <see cref="RetryAfter"/>.</returns>
    public static SendResult RetryLater(string error, TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new() { Status = SendStatus.TransientFailure, Error = error, RetryAfter = retryAfter };
    }

    /// <summary>The provider refused the account's credentials; nothing was sent.</summary>
    /// <param name="error">What to fix, naming the settings; never the secret.</param>
    /// <param name="retryAfter">The cool-down before this account's next send is tried; not negative.</param>
    /// <returns>A <see cref="SendStatus.CredentialsRefused"/> result.</returns>
    public static SendResult CredentialsRefused(string error, TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new() { Status = SendStatus.CredentialsRefused, Error = error, RetryAfter = retryAfter };
    }

    /// <summary>Refused for good.</summary>
    /// <param name="error">The provider's explanation.</param>
    /// <returns>The result.</returns>
    public static SendResult PermanentFailure(string error) => new() { Status = SendStatus.PermanentFailure, Error = error };

    /// <summary>The recipient opted out with the provider.</summary>
    /// <param name="error">The provider's explanation.</param>
    /// <returns>The result.</returns>
    public static SendResult RecipientOptedOut(string error) => new() { Status = SendStatus.RecipientOptedOut, Error = error };

    /// <summary>The provider may have taken the message but never answered.</summary>
    /// <param name="error">What happened, such as "no answer within 30 seconds"; no secrets.</param>
    /// <returns>An <see cref="SendStatus.Unknown"/> result.</returns>
    public static SendResult Unknown(string error) => new() { Status = SendStatus.Unknown, Error = error };
}
