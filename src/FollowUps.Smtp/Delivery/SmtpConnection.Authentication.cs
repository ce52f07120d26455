using FollowUps.Smtp.Internal;
using MailKit.Security;

namespace FollowUps.Smtp.Delivery;

/// <summary>Logging in: the secret from <see cref="ISmtpCredentials"/>, one fresh token after a refused one, and the cool-down after a refusal.</summary>
internal sealed partial class SmtpConnection
{
    /// <summary>The password mechanisms in the order MailKit prefers them, strongest first.</summary>
    private static readonly string[] PasswordMechanisms = ["SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "DIGEST-MD5", "PLAIN", "LOGIN", "NTLM"];

    /// <summary>
    /// Authenticates with the secret <see cref="ISmtpCredentials"/> gives; a refused access token is asked for once more,
    /// fresh, and tried once again. Returns <see langword="null"/>, or the result when the server refused the credentials.
    /// </summary>
    private async Task<SendResult?> AuthenticateAsync(string userName, CancellationToken cancellationToken)
    {
        var oauth = _mailbox.Authentication == SmtpAuthentication.OAuth2;
        for (var refusedBefore = false; ; refusedBefore = true)
        {
            try
            {
                var secret = await CredentialAsync(refusedBefore, cancellationToken).ConfigureAwait(false);
                if (oauth)
                {
                    if (string.IsNullOrWhiteSpace(secret))
                    {
                        throw await MisconfiguredAsync(null, _pool.Shared
                            ? "FollowUps:Smtp:AccessTokenProvider returned no access token."
                            : $"ISmtpCredentials returned no access token for the SMTP mailbox of account '{_pool.AccountId}'.").ConfigureAwait(false);
                    }

                    await _client.AuthenticateAsync(new SaslMechanismOAuth2(userName, secret), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    OfferOnlyThePreferredPasswordMechanism();
                    await _client.AuthenticateAsync(userName, secret ?? string.Empty, cancellationToken).ConfigureAwait(false);
                }

                return null;
            }
            catch (AuthenticationException) when (oauth && !refusedBefore)
            {
                // Tokens expire or are revoked between the host's refreshes: ask for a fresh one and try once more.
                Log.TokenRefusedOnce(_logger, _mailbox.Host, _mailbox.Port, _pool.AccountId);
                if (!_client.IsConnected)
                {
                    await OpenAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AuthenticationException ex)
            {
                return await RefusedAsync(ex, userName, oauth).ConfigureAwait(false);
            }
            catch (NotSupportedException ex)
            {
                throw await MisconfiguredAsync(
                    ex,
                    $"The SMTP server {_mailbox.Host}:{_mailbox.Port} does not offer authentication on this connection. Many servers offer it only over TLS: check {_pool.Setting("Security")}; for a relay that needs none, leave {_pool.Setting("UserName")} unset.")
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>The secret for this login from <see cref="ISmtpCredentials"/>; a port that throws sends nothing.</summary>
    private async Task<string?> CredentialAsync(bool refused, CancellationToken cancellationToken)
    {
        try
        {
            var request = new SmtpCredentialsRequest { AccountId = _pool.AccountId, Mailbox = _mailbox, Refused = refused };
            return await _pool.Credentials.GetAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // The one shared mailbox serves every account: it is not named after the first account that used it.
            var problem = _pool.Shared
                ? $"The credentials for the SMTP mailbox could not be had: {_pool.Setting("AccessTokenProvider")} threw {ex.GetType().Name}."
                : $"The credentials for the SMTP mailbox of account '{_pool.AccountId}' could not be had: ISmtpCredentials threw {ex.GetType().Name}.";
            throw await MisconfiguredAsync(ex, problem).ConfigureAwait(false);
        }
    }

    private async Task<SendResult> RefusedAsync(AuthenticationException exception, string userName, bool oauth)
    {
        var fix = (oauth, _pool.Shared) switch
        {
            (false, true) => "Check FollowUps:Smtp:UserName and FollowUps:Smtp:Password; Gmail needs an app password, not the account password, and Microsoft 365 needs SMTP AUTH enabled for the mailbox (or use FollowUps:Smtp:AccessTokenProvider for OAuth2).",
            (true, true) => "Check FollowUps:Smtp:UserName and that FollowUps:Smtp:AccessTokenProvider returns a current token for that mailbox with the SMTP scope (https://mail.google.com/ for Gmail, https://outlook.office365.com/SMTP.Send for Microsoft 365).",
            (false, false) => $"Check {_pool.Setting("UserName")} and {_pool.Setting("Password")}; Gmail needs an app password, not the account password, and Microsoft 365 needs SMTP AUTH enabled for the mailbox.",
            (true, false) => $"Check {_pool.Setting("UserName")} and that {_pool.Setting("AccessTokenProvider")} is current, for that mailbox, with the SMTP scope (https://mail.google.com/ for Gmail, https://outlook.office365.com/SMTP.Send for Microsoft 365); a fresh token was asked for and refused too.",
        };
        var problem = $"The SMTP server {_mailbox.Host}:{_mailbox.Port} refused the credentials for {userName}. {fix}";
        await DropAsync().ConfigureAwait(false);
        Log.Misconfigured(_logger, exception, _mailbox.Host, _mailbox.Port, problem);
        var refused = _pool.CoolDown.Start(problem, _pool.Options.AuthenticationRetryDelay);
        Log.CredentialsRefused(_logger, _mailbox.Host, _mailbox.Port, _pool.CoolDown.RetryAt);
        return refused;
    }

    /// <summary>
    /// MailKit tries each mechanism the server offers until one works, so a wrong password would be refused once per
    /// mechanism, each a failed login towards the provider's lock-out. Keep only the one it would try first.
    /// </summary>
    private void OfferOnlyThePreferredPasswordMechanism()
    {
        var offered = _client.AuthenticationMechanisms;
        if (Array.Find(PasswordMechanisms, offered.Contains) is { } preferred)
        {
            offered.IntersectWith([preferred]);
        }
    }
}
