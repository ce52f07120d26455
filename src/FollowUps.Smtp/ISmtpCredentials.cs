namespace FollowUps.Smtp;

/// <summary>
/// The secret a mailbox logs in with: a password, or an OAuth2 access token (the host owns the OAuth flow, storing and
/// refreshing the tokens). Asked each time a connection authenticates; the adapter keeps the answer only for that
/// authentication and never logs or shows it.
/// </summary>
/// <remarks>
/// <para>When the server refuses an access token, the adapter asks once more with <see cref="SmtpCredentialsRequest.Refused"/>
/// set (refresh the token) and tries once again; a second refusal, or a refused password, is
/// <see cref="SendStatus.CredentialsRefused"/>, and that mailbox sends nothing for <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/>
/// (other mailboxes go on). An exception here sends nothing: <see cref="SendNotStartedException"/>, tried again later.</para>
/// <para>Implementations must be thread-safe.</para>
/// </remarks>
public interface ISmtpCredentials
{
    /// <summary>Gets the password or access token for a mailbox.</summary>
    /// <param name="request">The account, its mailbox, and whether the last secret given for it was refused.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The password (<see cref="SmtpAuthentication.Password"/>) or access token (<see cref="SmtpAuthentication.OAuth2"/>).</returns>
    ValueTask<string> GetAsync(SmtpCredentialsRequest request, CancellationToken cancellationToken);
}
