namespace FollowUps;

/// <summary>
/// Sends one text message. The port an SMS adapter implements (FollowUps.Twilio is one).
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe: the engine calls them concurrently for different contacts.</para>
/// <para>
/// Report provider answers as a <see cref="SendResult"/>, not as exceptions: the engine turns a thrown
/// exception into a <see cref="OutcomeReason.SenderError"/> outcome, which tells the host less. Throw
/// <see cref="OperationCanceledException"/> when the cancellation token is cancelled before the request left; once it
/// may have reached the provider, a cancelled send is <see cref="SendResult.Unknown"/>, never a throw that claims
/// nothing was sent.
/// </para>
/// <para>The <c>FollowUps.Testing</c> package has a contract suite to run against an implementation.</para>
/// </remarks>
public interface ISmsSender
{
    /// <summary>Sends <paramref name="message"/> and reports what the provider said.</summary>
    /// <param name="message">The rendered message; its recipient is E.164.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>Sent with the provider's id, or why not.</returns>
    Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
