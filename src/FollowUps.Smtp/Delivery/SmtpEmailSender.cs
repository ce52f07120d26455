using FollowUps.Internal;
using FollowUps.Smtp.Internal;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// Sends email through one SMTP server over one MailKit connection, kept open and reused by every send.
/// </summary>
/// <remarks>
/// <para>Thread-safe: sends are serialised on the one connection, which is opened and authenticated on the first send,
/// never once per message.</para>
/// <para>When the connection turns out to be gone (the server closed it while idle, a network error, a 421 reply), the
/// sender reconnects and sends the message once more. If the connection broke after the server had taken the whole
/// message but before its reply arrived, that second send is a duplicate; the Message-ID is derived from the follow-up
/// key, so it is the same on both copies and receiving servers that collapse duplicates by Message-ID keep one.</para>
/// <para>A recipient whose local part is not ASCII (<c>josé@example.com</c>) is sent with SMTPUTF8 (RFC 6531) when the
/// server offers it, and is otherwise a permanent failure that says so; an IDN domain needs nothing special, since the
/// address arrives with its domain in ASCII (xn--) form.</para>
/// <para>A 4xx reply is a transient failure, a 5xx reply a permanent one, both with the server's text. Credentials the
/// server refuses, a server certificate that is not trusted, and TLS or authentication the server does not offer or asks
/// for, are configuration errors: they throw <see cref="InvalidOperationException"/> saying what to fix, never showing a
/// secret. After refused credentials, sends throw the same error without contacting the server until
/// <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/> has passed, so the account is not locked by repeated attempts.</para>
/// <para>Dispose it (the container does) to say goodbye to the server; sends after that throw <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
internal sealed class SmtpEmailSender : IEmailSender, IAsyncDisposable, IDisposable
{
    private readonly SmtpEmailOptions _options;
    private readonly MimeMessageFactory _messages;
    private readonly ILogger _logger;
    private readonly SmtpConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    public SmtpEmailSender(IOptions<SmtpEmailOptions> options, TimeProvider timeProvider, ILogger<SmtpEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _messages = new MimeMessageFactory(_options.FromAddress, timeProvider);
        _logger = logger;
        _connection = new SmtpConnection(_options, timeProvider, logger);
    }

    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var messageId = _messages.MessageIdFor(message.Key);
        if (MimeMessageFactory.Problem(message) is { } problem)
        {
            Log.Invalid(_logger, messageId, problem);
            return SendResult.PermanentFailure(problem);
        }

        using var mime = _messages.Create(message);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var needsSmtpUtf8 = MimeMessageFactory.HasUnicodeLocalPart(message.To);
            return await SendWithOneRetryAsync(mime, needsSmtpUtf8, messageId, Redact.Recipient(message.To), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SendResult> SendWithOneRetryAsync(MimeMessage mime, bool needsSmtpUtf8, string messageId, string recipient, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!await _connection.TrySendAsync(mime, needsSmtpUtf8, cancellationToken).ConfigureAwait(false))
                {
                    var problem = $"The recipient's address has a local part (before the @) that is not ASCII, which only an SMTP server offering SMTPUTF8 (RFC 6531) can deliver; {_options.Host}:{_options.Port} does not offer it.";
                    Log.Invalid(_logger, messageId, problem);
                    return SendResult.PermanentFailure(problem);
                }

                Log.Sent(_logger, messageId, recipient);
                return SendResult.Sent(messageId);
            }
            catch (Exception ex) when (SmtpFailure.IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested)
            {
                await _connection.DropAsync().ConfigureAwait(false);
                if (attempt > 1)
                {
                    Log.Unreachable(_logger, ex, messageId, recipient, _options.Host, _options.Port);
                    return SendResult.TransientFailure($"The SMTP server {_options.Host}:{_options.Port} could not be reached: {ex.Message}");
                }

                Log.ConnectionLost(_logger, ex, _options.Host, _options.Port, messageId);
            }
            catch (Exception ex) when (ex is ServiceNotAuthenticatedException || (ex is SmtpCommandException command && SmtpFailure.IsAuthenticationRequired(command)))
            {
                throw await _connection.MisconfiguredAsync(
                    ex,
                    $"The SMTP server {_options.Host}:{_options.Port} requires authentication: set FollowUps:Smtp:UserName and FollowUps:Smtp:Password, or FollowUps:Smtp:AccessTokenProvider.")
                    .ConfigureAwait(false);
            }
            catch (SmtpCommandException ex)
            {
                var result = SmtpFailure.ToResult(ex);
                Log.Refused(_logger, messageId, recipient, (int)ex.StatusCode, result.Status);
                return result;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // A send cut short leaves the conversation in an unknown state; the next send starts a fresh one.
                await _connection.DropAsync().ConfigureAwait(false);
                throw;
            }
        }
    }
}
