using FollowUps.Internal;
using FollowUps.Smtp.Internal;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// The one MailKit connection to the SMTP server, opened and authenticated on demand and kept for the next message.
/// Refused credentials are a <see cref="SendStatus.CredentialsRefused"/> result, and so is every connection attempt until
/// <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/> has passed; TLS and authentication set-ups that no waiting
/// fixes are <see cref="InvalidOperationException"/>s that say which setting to fix.
/// Not thread-safe: <see cref="SmtpEmailSender"/> lets one call in at a time.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable, IDisposable
{
    /// <summary>The password mechanisms in the order MailKit prefers them, strongest first.</summary>
    private static readonly string[] PasswordMechanisms = ["SCRAM-SHA-512", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5", "DIGEST-MD5", "PLAIN", "LOGIN", "NTLM"];

    private readonly SmtpEmailOptions _options;
    private readonly ILogger _logger;
    private readonly SmtpClient _client;
    private readonly CredentialsCoolDown _coolDown;
    private readonly ServerCertificateCheck _certificates;

    public SmtpConnection(SmtpEmailOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _coolDown = new CredentialsCoolDown("the server", "FollowUps:Smtp:AuthenticationRetryDelay", timeProvider);
        _certificates = new ServerCertificateCheck(options);
        _client = new SmtpClient
        {
            Timeout = (int)options.Timeout.TotalMilliseconds,
            ServerCertificateValidationCallback = _certificates.CreateCallback(),
        };
    }

    private bool RequiresAuthentication => !string.IsNullOrWhiteSpace(_options.UserName);

    /// <summary>
    /// Sends <paramref name="message"/> on the connection <see cref="ConnectAsync"/> made. Returns false, having sent
    /// nothing, when <paramref name="needsSmtpUtf8"/> and the server does not offer SMTPUTF8 (RFC 6531): without it, MailKit
    /// would put the UTF-8 address in RCPT TO anyway, which such a server may take apart or pass on broken.
    /// <paramref name="data"/> records whether the message data started to go out, for the caller to read when this throws.
    /// </summary>
    public async Task<bool> TrySendAsync(MimeMessage message, bool needsSmtpUtf8, MessageDataProgress data, CancellationToken cancellationToken)
    {
        if (needsSmtpUtf8 && !_client.Capabilities.HasFlag(SmtpCapabilities.UTF8))
        {
            return false;
        }

        await _client.SendAsync(message, cancellationToken, data).ConfigureAwait(false);
        return true;
    }

    /// <summary>Closes the connection without a goodbye, ignoring errors; the next send opens a new one.</summary>
    public async Task DropAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            await _client.DisconnectAsync(quit: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (SmtpFailure.IsConnectionLost(ex))
        {
            // The connection is already gone, which is all this wanted.
        }
    }

    /// <summary>Drops the connection and returns (logged) the configuration error to throw.</summary>
    public Task<InvalidOperationException> MisconfiguredAsync(Exception? cause, string problem)
        => DropAndLogAsync(new SendNotStartedException(problem, cause), problem);

    /// <summary>Says goodbye (QUIT) when connected, waiting at most five seconds, and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            using var quitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _client.DisconnectAsync(quit: true, quitTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (SmtpFailure.IsConnectionLost(ex) || ex is OperationCanceledException)
            {
                // Saying goodbye is a courtesy; the socket is closed below either way.
            }
        }

        _client.Dispose();
    }

    /// <summary>Closes the connection without a goodbye.</summary>
    public void Dispose() => _client.Dispose();

    private async Task<InvalidOperationException> DropAndLogAsync(InvalidOperationException exception, string problem)
    {
        await DropAsync().ConfigureAwait(false);
        Log.Misconfigured(_logger, exception, _options.Host, _options.Port, problem);
        return exception;
    }

    /// <summary>
    /// Opens and authenticates a connection when there is no usable one. Returns <see langword="null"/> when connected,
    /// or the <see cref="SendStatus.CredentialsRefused"/> result when the server refused the credentials now or within
    /// <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/> (then the server is not contacted).
    /// </summary>
    public async Task<SendResult?> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected && (_client.IsAuthenticated || !RequiresAuthentication))
        {
            return null;
        }

        if (RequiresAuthentication && _coolDown.Refusal() is { } refusal)
        {
            Log.CredentialsCoolingDown(_logger, _options.Host, _options.Port, _coolDown.RetryAt);
            return refusal;
        }

        await DropAsync().ConfigureAwait(false);
        Log.Connecting(_logger, _options.Host, _options.Port, _options.Security);
        _certificates.Reset();
        try
        {
            await _client.ConnectAsync(_options.Host, _options.Port, ToSocketOptions(_options.Security), cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException ex)
        {
            throw await MisconfiguredAsync(
                ex,
                $"The SMTP server {_options.Host}:{_options.Port} does not offer STARTTLS. Check FollowUps:Smtp:Security and FollowUps:Smtp:Port (port 465 uses SslOnConnect, port 587 StartTls).")
                .ConfigureAwait(false);
        }
        catch (SslHandshakeException ex)
        {
            throw await MisconfiguredAsync(ex, _certificates.Problem(ex)).ConfigureAwait(false);
        }

        if (RequiresAuthentication && await AuthenticateAsync(_options.UserName!, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        Log.Connected(_logger, _options.Host, _options.Port, _client.IsSecure, _client.IsAuthenticated);
        return null;
    }

    /// <summary>Authenticates; returns <see langword="null"/>, or the result when the server refused the credentials.</summary>
    private async Task<SendResult?> AuthenticateAsync(string userName, CancellationToken cancellationToken)
    {
        try
        {
            if (_options.AccessTokenProvider is { } tokens)
            {
                var token = await tokens(cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrWhiteSpace(token))
                {
                    throw await MisconfiguredAsync(null, "FollowUps:Smtp:AccessTokenProvider returned no access token.").ConfigureAwait(false);
                }

                await _client.AuthenticateAsync(new SaslMechanismOAuth2(userName, token), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                OfferOnlyThePreferredPasswordMechanism();
                await _client.AuthenticateAsync(userName, _options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AuthenticationException ex)
        {
            var fix = _options.AccessTokenProvider is null
                ? "Check FollowUps:Smtp:UserName and FollowUps:Smtp:Password; Gmail needs an app password, not the account password, and Microsoft 365 needs SMTP AUTH enabled for the mailbox (or use FollowUps:Smtp:AccessTokenProvider for OAuth2)."
                : "Check FollowUps:Smtp:UserName and that FollowUps:Smtp:AccessTokenProvider returns a current token for that mailbox with the SMTP scope (https://mail.google.com/ for Gmail, https://outlook.office365.com/SMTP.Send for Microsoft 365).";
            var problem = $"The SMTP server {_options.Host}:{_options.Port} refused the credentials for {userName}. {fix}";
            await DropAsync().ConfigureAwait(false);
            Log.Misconfigured(_logger, ex, _options.Host, _options.Port, problem);
            var refused = _coolDown.Start(problem, _options.AuthenticationRetryDelay);
            Log.CredentialsRefused(_logger, _options.Host, _options.Port, _coolDown.RetryAt);
            return refused;
        }
        catch (NotSupportedException ex)
        {
            throw await MisconfiguredAsync(
                ex,
                $"The SMTP server {_options.Host}:{_options.Port} does not offer authentication on this connection. Many servers offer it only over TLS: check FollowUps:Smtp:Security; for a relay that needs none, leave FollowUps:Smtp:UserName unset.")
                .ConfigureAwait(false);
        }

        return null;
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

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
