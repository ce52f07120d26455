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
/// <para>When the connection turns out to be gone before any of the message data went out (the server closed it while
/// idle, a network error or a 421 reply at MAIL FROM, RCPT TO or DATA, no 354 to DATA), nothing can have been queued: the
/// sender reconnects and sends the message once more, and a second such failure is a transient failure. Once the message
/// data has started to go out (MailKit reports its progress, see <see cref="MessageDataProgress"/>), a broken connection,
/// a timeout or the caller's cancellation is <see cref="SendStatus.Unknown"/>: the server may have taken the message
/// without its reply arriving, so it is never sent again. The server's own answer to the message (4xx, 5xx) is a
/// transient or permanent failure as usual.</para>
/// <para>A recipient whose local part is not ASCII (<c>josé@example.com</c>) is sent with SMTPUTF8 (RFC 6531) when the
/// server offers it, and is otherwise a permanent failure that says so; an IDN domain needs nothing special, since the
/// address arrives with its domain in ASCII (xn--) form.</para>
/// <para>A 4xx reply is a transient failure, a 5xx reply a permanent one, both with the server's text; the replies that
/// say "not now" (421, 432, 450, 452) and a provider's daily sending limit (Gmail's 550 5.4.5, Microsoft 365's
/// SubmissionQuotaExceeded, whatever its code) carry the window to wait as <see cref="SendResult.RetryAfter"/> (see
/// <see cref="SmtpFailure"/>). Credentials the server refuses are <see cref="SendStatus.CredentialsRefused"/>, saying what
/// to fix and never showing a secret; sends within <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/> after that
/// report the same without contacting the server, with the time left, so the account is not locked by repeated attempts.
/// A server certificate that is not trusted, and TLS or authentication the server does not offer or asks for, are
/// configuration errors that no waiting fixes: they throw <see cref="SendNotStartedException"/> saying what to fix (nothing
/// was sent, so the outbox tries again later, once the settings are fixed).</para>
/// <para>Dispose it (the container does) to say goodbye to the server; sends after that throw <see cref="SendNotStartedException"/>.</para>
/// </remarks>
internal sealed class SmtpEmailSender : IEmailSender, ISignalsRequestLeaving, IAsyncDisposable, IDisposable
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
            if (_disposed)
            {
                throw new SendNotStartedException("The SMTP sender was disposed (the host is stopping); nothing was sent.", new ObjectDisposedException(nameof(SmtpEmailSender)));
            }

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
            var data = new MessageDataProgress();
            try
            {
                if (await _connection.ConnectAsync(cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }

                // Connected, logged in, this send's turn: the request leaves now (the outbox marks it sending).
                await FollowUpSend.RequestLeavingAsync().ConfigureAwait(false);
                if (!await _connection.TrySendAsync(mime, needsSmtpUtf8, data, cancellationToken).ConfigureAwait(false))
                {
                    var problem = $"The recipient's address has a local part (before the @) that is not ASCII, which only an SMTP server offering SMTPUTF8 (RFC 6531) can deliver; {_options.Host}:{_options.Port} does not offer it.";
                    Log.Invalid(_logger, messageId, problem);
                    return SendResult.PermanentFailure(problem);
                }

                Log.Sent(_logger, messageId, recipient);
                return SendResult.Sent(messageId);
            }
            catch (SmtpCommandException ex) when (data.Started && SmtpFailure.IsReply(ex))
            {
                // The server answered the message itself, so it knows it did not take it; a 421 also closes the connection.
                if (ex.StatusCode == SmtpStatusCode.ServiceNotAvailable)
                {
                    await _connection.DropAsync().ConfigureAwait(false);
                }

                return Refused(ex, messageId, recipient);
            }
            catch (Exception ex) when (data.Started && (SmtpFailure.IsConnectionLost(ex) || IsCancellation(ex, cancellationToken)))
            {
                // The message data went out and no answer came back: the server may have taken it. Never send it again.
                await _connection.DropAsync().ConfigureAwait(false);
                Log.NoAnswer(_logger, ex, messageId, recipient, _options.Host, _options.Port);
                return SendResult.Unknown(IsCancellation(ex, cancellationToken)
                    ? $"The send was cancelled after the message data had started to go out to the SMTP server {_options.Host}:{_options.Port}; the server may have taken the message, so it is not sent again."
                    : $"The connection to the SMTP server {_options.Host}:{_options.Port} broke after the message data had started to go out ({ex.Message}); the server may have taken the message, so it is not sent again.");
            }
            catch (Exception ex) when (SmtpFailure.IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Nothing of the message went out on this connection, so nothing can have been queued: safe to send again.
                await _connection.DropAsync().ConfigureAwait(false);
                if (attempt > 1 && ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable } closing)
                {
                    // 421 again on the new connection: the server says to wait, for the window its reply has.
                    return Refused(closing, messageId, recipient);
                }

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
                return Refused(ex, messageId, recipient);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cut short before the message data went out: nothing was sent. The next send starts a fresh conversation.
                await _connection.DropAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private SendResult Refused(SmtpCommandException exception, string messageId, string recipient)
    {
        var result = SmtpFailure.ToResult(exception);
        Log.Refused(_logger, messageId, recipient, (int)exception.StatusCode, result.Status);
        return result;
    }

    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken)
        => exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
