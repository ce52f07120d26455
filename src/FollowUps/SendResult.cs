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
