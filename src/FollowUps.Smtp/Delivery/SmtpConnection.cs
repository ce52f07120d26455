using FollowUps.Smtp.Internal;
using FollowUps.Smtp.Mailboxes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// One MailKit connection to a mailbox's SMTP server, opened and authenticated on demand and kept for the next message.
/// The secret is asked of <see cref="ISmtpCredentials"/> for each login and kept only for it; an access token the server
/// refuses is asked for once more (<see cref="SmtpCredentialsRequest.Refused"/>) and tried once again. Refused credentials
/// are a <see cref="SendStatus.CredentialsRefused"/> result, and so is every connection attempt of the mailbox until
/// <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/> has passed (the cool-down is the mailbox's, shared by its
/// connections); TLS and authentication set-ups that no waiting fixes are <see cref="InvalidOperationException"/>s that
/// say which setting to fix.
/// Not thread-safe: the <see cref="ConnectionPool"/> gives it to one send at a time.
/// </summary>
internal sealed partial class SmtpConnection : IAsyncDisposable, IDisposable
{
    private readonly MailboxPool _pool;
    private readonly SmtpMailbox _mailbox;
    private readonly ILogger _logger;
    private readonly SmtpClient _client;
    private readonly ServerCertificateCheck _certificates;

    public SmtpConnection(MailboxPool pool, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _pool = pool;
        _mailbox = pool.Mailbox;
        _logger = logger;
        _certificates = new ServerCertificateCheck(pool);
        _client = new SmtpClient
        {
            Timeout = (int)pool.Options.Timeout.TotalMilliseconds,
            ServerCertificateValidationCallback = _certificates.CreateCallback(),
        };
    }

    /// <summary>What to fix when the server asks for authentication the mailbox does not have.</summary>
    public string AuthenticationRequiredProblem => _pool.Shared
        ? $"The SMTP server {_mailbox.Host}:{_mailbox.Port} requires authentication: set FollowUps:Smtp:UserName and FollowUps:Smtp:Password, or FollowUps:Smtp:AccessTokenProvider."
        : $"The SMTP server {_mailbox.Host}:{_mailbox.Port} requires authentication: set {_pool.Setting("UserName")} and {_pool.Setting("Authentication")}.";

    private bool RequiresAuthentication => _mailbox.Authentication != SmtpAuthentication.None;

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
        Log.Misconfigured(_logger, exception, _mailbox.Host, _mailbox.Port, problem);
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

        if (RequiresAuthentication && _pool.CoolDown.Refusal() is { } refusal)
        {
            Log.CredentialsCoolingDown(_logger, _mailbox.Host, _mailbox.Port, _pool.CoolDown.RetryAt);
            return refusal;
        }

        await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (RequiresAuthentication && await AuthenticateAsync(_mailbox.UserName!, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        Log.Connected(_logger, _mailbox.Host, _mailbox.Port, _client.IsSecure, _client.IsAuthenticated);
        return null;
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        await DropAsync().ConfigureAwait(false);
        Log.Connecting(_logger, _mailbox.Host, _mailbox.Port, _mailbox.Security, _pool.AccountId);
        _certificates.Reset();
        try
        {
            await _client.ConnectAsync(_mailbox.Host, _mailbox.Port, ToSocketOptions(_mailbox.Security), cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException ex)
        {
            throw await MisconfiguredAsync(
                ex,
                $"The SMTP server {_mailbox.Host}:{_mailbox.Port} does not offer STARTTLS. Check {_pool.Setting("Security")} and {_pool.Setting("Port")} (port 465 uses SslOnConnect, port 587 StartTls).")
                .ConfigureAwait(false);
        }
        catch (SslHandshakeException ex)
        {
            throw await MisconfiguredAsync(ex, _certificates.Problem(ex)).ConfigureAwait(false);
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
