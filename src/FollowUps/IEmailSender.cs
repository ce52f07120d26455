namespace FollowUps;

/// <summary>
/// Sends one email from the connected mailbox. The port an email adapter implements (FollowUps.Smtp is one).
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe: the engine calls them concurrently for different contacts.</para>
/// <para>
/// Report provider answers as a <see cref="SendResult"/>, not as exceptions; a thrown exception becomes a
/// <see cref="OutcomeReason.SenderError"/> outcome. Throw <see cref="OperationCanceledException"/> when
/// the cancellation token is cancelled before the request left; once it may have reached the provider, a cancelled
/// send is <see cref="SendResult.Unknown"/>, never a throw that claims nothing was sent.
/// </para>
/// </remarks>
public interface IEmailSender
{
    /// <summary>Sends <paramref name="message"/> and reports what the provider said.</summary>
    /// <param name="message">The rendered message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>Sent with the provider's id, or why not.</returns>
    Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
