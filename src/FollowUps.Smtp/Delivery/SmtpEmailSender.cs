using FollowUps.Internal;
using FollowUps.Smtp.Internal;
using FollowUps.Smtp.Mailboxes;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// Sends email through each account's mailbox (<see cref="ISmtpMailboxes"/>; by default the one mailbox of
/// <see cref="SmtpEmailOptions"/>) over MailKit connections kept open and reused: up to
/// <see cref="SmtpEmailOptions.MaxConnectionsPerMailbox"/> per mailbox, <see cref="SmtpEmailOptions.MaxConnections"/> in all.
/// </summary>
/// <remarks>
/// <para>Thread-safe: each connection carries one send at a time, and is opened and authenticated when first needed,
/// never once per message. A send that finds its mailbox's connections all busy waits up to
/// <see cref="SmtpEmailOptions.MaxMailboxWait"/>, then throws <see cref="SendNotStartedException"/> (nothing was sent; a
/// call's inline send is handed to the dispatcher). One mailbox's slow server, refused credentials or missing settings
/// never hold up another's sends.</para>
/// <para>A mailbox read is kept for <see cref="FollowUpAccountsOptions.CacheLifetime"/>, or until the account is
/// invalidated on this host (this sender is an <see cref="IFollowUpAccountListener"/>); a changed mailbox or an
/// invalidation closes the account's connections (sends under way finish first). An account without a mailbox, with
/// invalid mailbox settings, or whose <see cref="ISmtpMailboxes"/> throws, throws <see cref="SendNotStartedException"/>
/// naming the account and the setting: nothing was sent, and the outbox tries again later, after the host fixed it.</para>
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
/// <see cref="SmtpFailure"/>). Credentials the server refuses (an access token after one fresh one was asked for and
/// refused too) are <see cref="SendStatus.CredentialsRefused"/>, saying what to fix and never showing a secret; that
/// mailbox's sends within <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/> after that report the same without
/// contacting the server, with the time left, so the account is not locked by repeated attempts; other mailboxes go on.
/// A server certificate that is not trusted, and TLS or authentication the server does not offer or asks for, are
/// configuration errors that no waiting fixes: they throw <see cref="SendNotStartedException"/> saying what to fix (nothing
/// was sent, so the outbox tries again later, once the settings are fixed).</para>
/// <para>Dispose it (the container does) to say goodbye to the servers; sends after that throw <see cref="SendNotStartedException"/>.</para>
/// </remarks>
internal sealed class SmtpEmailSender : IEmailSender, ISignalsRequestLeaving, IFollowUpAccountListener, IAsyncDisposable, IDisposable
{
    private readonly SmtpEmailOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConnectionPool _connections;
    private readonly MailboxDirectory _mailboxes;
    private volatile bool _disposed;

    /// <summary>The single-mailbox sender: every account sends from the mailbox of <paramref name="options"/>.</summary>
    public SmtpEmailSender(IOptions<SmtpEmailOptions> options, TimeProvider timeProvider, ILogger<SmtpEmailSender> logger)
        : this(options, new OptionsMailboxes(options), new OptionsCredentials(options), Options.Create(new FollowUpAccountsOptions()), timeProvider, logger)
    {
    }

    public SmtpEmailSender(IOptions<SmtpEmailOptions> options, ISmtpMailboxes mailboxes, ISmtpCredentials credentials, IOptions<FollowUpAccountsOptions> accounts, TimeProvider timeProvider, ILogger<SmtpEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mailboxes);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _logger = logger;
        _time = timeProvider;
        _connections = new ConnectionPool(_options, timeProvider, logger);
        _mailboxes = new MailboxDirectory(mailboxes, credentials, _options, accounts.Value, _connections, timeProvider, logger);
    }

    /// <summary>Each account's mailbox and pool (for tests).</summary>
    internal MailboxDirectory Mailboxes => _mailboxes;

    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        var accountId = message.Key.AccountId;
        var pool = await _mailboxes.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendThroughAsync(pool, message, accountId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _mailboxes.Release(pool);
        }
    }

    public ValueTask OnAccountInvalidatedAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        return _mailboxes.InvalidateAsync(accountId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var pool in _mailboxes.Pools)
        {
            await _connections.RetireAsync(pool).ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new SendNotStartedException("The SMTP sender was disposed (the host is stopping); nothing was sent.", new ObjectDisposedException(nameof(SmtpEmailSender)));
        }
    }

    /// <summary>Sends <paramref name="message"/> through <paramref name="pool"/>, the mailbox of <paramref name="accountId"/>.</summary>
    private async Task<SendResult> SendThroughAsync(MailboxPool pool, EmailMessage message, string accountId, CancellationToken cancellationToken)
    {
        using var scope = Log.BeginMailbox(_logger, accountId, pool.Mailbox.Host);
        var messageId = pool.Messages.MessageIdFor(message.Key);
        if (MimeMessageFactory.Problem(message) is { } problem)
        {
            Log.Invalid(_logger, messageId, problem);
            return SendResult.PermanentFailure(problem);
        }

        using var mime = pool.Messages.Create(message);
        if (!await SlotWait.EnterAsync(pool.Slots, _options.MaxMailboxWait, _time, cancellationToken).ConfigureAwait(false))
        {
            throw Busy(pool, accountId, messageId);
        }

        try
        {
            ThrowIfDisposed();
            var connection = await _connections.RentAsync(pool, _options.MaxMailboxWait, cancellationToken).ConfigureAwait(false)
                ?? throw Busy(pool, accountId, messageId);
            try
            {
                var needsSmtpUtf8 = MimeMessageFactory.HasUnicodeLocalPart(message.To);
                return await SendWithOneRetryAsync(connection.Connection, pool.Mailbox, mime, needsSmtpUtf8, messageId, Redact.Recipient(message.To), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await _connections.ReturnAsync(connection).ConfigureAwait(false);
            }
        }
        finally
        {
            pool.Slots.Release();
        }
    }

    /// <summary>
    /// Every connection of the mailbox <paramref name="accountId"/> sends through stayed busy for
    /// <see cref="SmtpEmailOptions.MaxMailboxWait"/>: nothing was sent. Named after the sending account, not the pool's,
    /// which for the one shared mailbox is the first account that used it.
    /// </summary>
    private SendNotStartedException Busy(MailboxPool pool, string accountId, string messageId)
    {
        Log.MailboxBusy(_logger, messageId, accountId, pool.Mailbox.Host, _options.MaxMailboxWait);
        return new SendNotStartedException(
            $"Every connection of the SMTP mailbox of account '{accountId}' ({pool.Mailbox.Host}) stayed busy for FollowUps:Smtp:MaxMailboxWait ({_options.MaxMailboxWait.TotalSeconds:0.###} s), so nothing was sent: handed to the dispatcher, which sends it when a connection is free.");
    }

    private async Task<SendResult> SendWithOneRetryAsync(SmtpConnection connection, SmtpMailbox mailbox, MimeMessage mime, bool needsSmtpUtf8, string messageId, string recipient, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var data = new MessageDataProgress();
            try
            {
                if (await connection.ConnectAsync(cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }

                // Connected, logged in, this send's turn: the request leaves now (the outbox marks it sending).
                await FollowUpSend.RequestLeavingAsync().ConfigureAwait(false);
                if (!await connection.TrySendAsync(mime, needsSmtpUtf8, data, cancellationToken).ConfigureAwait(false))
                {
                    var problem = $"The recipient's address has a local part (before the @) that is not ASCII, which only an SMTP server offering SMTPUTF8 (RFC 6531) can deliver; {mailbox.Host}:{mailbox.Port} does not offer it.";
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
                    await connection.DropAsync().ConfigureAwait(false);
                }

                return Refused(ex, messageId, recipient);
            }
            catch (Exception ex) when (data.Started && (SmtpFailure.IsConnectionLost(ex) || IsCancellation(ex, cancellationToken)))
            {
                // The message data went out and no answer came back: the server may have taken it. Never send it again.
                await connection.DropAsync().ConfigureAwait(false);
                Log.NoAnswer(_logger, ex, messageId, recipient, mailbox.Host, mailbox.Port);
                return SendResult.Unknown(IsCancellation(ex, cancellationToken)
                    ? $"The send was cancelled after the message data had started to go out to the SMTP server {mailbox.Host}:{mailbox.Port}; the server may have taken the message, so it is not sent again."
                    : $"The connection to the SMTP server {mailbox.Host}:{mailbox.Port} broke after the message data had started to go out ({ex.Message}); the server may have taken the message, so it is not sent again.");
            }
            catch (Exception ex) when (SmtpFailure.IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Nothing of the message went out on this connection, so nothing can have been queued: safe to send again.
                await connection.DropAsync().ConfigureAwait(false);
                if (attempt > 1 && ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable } closing)
                {
                    // 421 again on the new connection: the server says to wait, for the window its reply has.
                    return Refused(closing, messageId, recipient);
                }

                if (attempt > 1)
                {
                    Log.Unreachable(_logger, ex, messageId, recipient, mailbox.Host, mailbox.Port);
                    return SendResult.TransientFailure($"The SMTP server {mailbox.Host}:{mailbox.Port} could not be reached: {ex.Message}");
                }

                Log.ConnectionLost(_logger, ex, mailbox.Host, mailbox.Port, messageId);
            }
            catch (Exception ex) when (ex is ServiceNotAuthenticatedException || (ex is SmtpCommandException command && SmtpFailure.IsAuthenticationRequired(command)))
            {
                throw await connection.MisconfiguredAsync(
                    ex,
                    connection.AuthenticationRequiredProblem)
                    .ConfigureAwait(false);
            }
            catch (SmtpCommandException ex)
            {
                return Refused(ex, messageId, recipient);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cut short before the message data went out: nothing was sent. The next send starts a fresh conversation.
                await connection.DropAsync().ConfigureAwait(false);
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
