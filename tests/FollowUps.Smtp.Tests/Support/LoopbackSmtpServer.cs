using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>
/// A real SMTP server (the SmtpServer package) in the test process, on 127.0.0.1 and a port the OS picks. It records what
/// it receives, counts sessions and AUTH attempts, can speak TLS (implicit or STARTTLS) with a given certificate, and can
/// be told to refuse: 451 once, 550 for a recipient, 421 and hang up, bad credentials; to hang up without a word at MAIL
/// FROM, at DATA or after taking a message; or to take a message and never answer.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop;
    private readonly ConcurrentQueue<ReceivedMessage> _received = new();
    private readonly ConcurrentQueue<(int Code, string Text)> _dataReplies = new();
    private readonly ConcurrentDictionary<string, (int Code, string Text)> _refusedRecipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _acceptedPerSession = new();
    private readonly SemaphoreSlim _sessionEnded = new(0);
    private readonly SmtpServerHost _server;
    private readonly Task _running;
    private int _sessions;
    private int _endedSessions;
    private int _authenticationAttempts;
    private int _dropAfterNextMessage;
    private int _dropAtNextMailFrom;
    private int _dropAtNextData;
    private int _holdNextMessage;
    private int _dataCommands;
    private readonly TaskCompletionSource _messageHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Account? _account;

    private LoopbackSmtpServer(LoopbackSmtpServerOptions options, int port, SmtpServerHost server, Task running, CancellationTokenSource stop)
    {
        Options = options;
        _stop = stop;
        Port = port;
        _server = server;
        _running = running;
    }

    public LoopbackSmtpServerOptions Options { get; }

    public int Port { get; }

    /// <summary>Every message the server took, in arrival order.</summary>
    public IReadOnlyList<ReceivedMessage> Received => [.. _received];

    /// <summary>How many SMTP sessions (connections) the server has seen.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>How many SMTP sessions have ended (the client said QUIT or hung up, or the server hung up).</summary>
    public int EndedSessions => Volatile.Read(ref _endedSessions);

    /// <summary>How many DATA commands the server has seen, answered or not.</summary>
    public int DataCommands => Volatile.Read(ref _dataCommands);

    /// <summary>Completes when the message held by <see cref="HoldNextMessage"/> has arrived whole.</summary>
    public Task MessageHeld => _messageHeld.Task;

    /// <summary>How many times a client sent AUTH with a user name and password, accepted or not.</summary>
    public int AuthenticationAttempts => Volatile.Read(ref _authenticationAttempts);

    /// <summary>From now on, accepts these credentials instead of the ones it started with (someone fixed the account).</summary>
    public void AcceptCredentials(string userName, string password) => _account = new Account(userName, password);

    /// <summary>The DATA reply to give the answer of the next message instead of 250; each one is used once.</summary>
    public void AnswerNextMessage(int code, string text) => _dataReplies.Enqueue((code, text));

    /// <summary>
    /// Takes the next message and then cuts the connection without replying, as a network failure after the final dot
    /// would: the client cannot tell whether the message was taken.
    /// </summary>
    public void DropConnectionAfterNextMessage() => Volatile.Write(ref _dropAfterNextMessage, 1);

    /// <summary>
    /// Hangs up on the next MAIL FROM without answering it, as a network failure before the message left would: nothing
    /// was queued, so sending again cannot duplicate.
    /// </summary>
    public void DropConnectionAtNextMailFrom() => Volatile.Write(ref _dropAtNextMailFrom, 1);

    /// <summary>
    /// Hangs up on the next DATA command without answering 354: the envelope was accepted but no message data went out,
    /// so the server cannot have queued a message.
    /// </summary>
    public void DropConnectionAtNextData() => Volatile.Write(ref _dropAtNextData, 1);

    /// <summary>
    /// Takes the next message (it is recorded in <see cref="Received"/>) and never answers the final dot, until the server
    /// stops; <see cref="MessageHeld"/> completes when it has arrived. The client cannot tell whether it was taken.
    /// </summary>
    public void HoldNextMessage() => Volatile.Write(ref _holdNextMessage, 1);

    /// <summary>Answers RCPT TO for <paramref name="address"/> with <paramref name="code"/>, every time.</summary>
    public void RefuseRecipient(string address, int code, string text) => _refusedRecipients[address] = (code, text);

    /// <summary>Waits until the server has ended one more session (it hung up or the client left).</summary>
    public async Task WaitForSessionEndAsync()
    {
        if (!await _sessionEnded.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("The SMTP server did not end a session within 10 seconds.");
        }
    }

    public static async Task<LoopbackSmtpServer> StartAsync(LoopbackSmtpServerOptions? options = null)
    {
        options ??= new LoopbackSmtpServerOptions();
        var listeners = new EndpointListenerFactory();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var builder = new SmtpServerOptionsBuilder()
            .ServerName("loopback.test")
            .Endpoint(endpoint =>
            {
                endpoint
                    .Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                    .IsSecure(options.ImplicitTls)
                    .AuthenticationRequired(options.Credentials is not null)
                    .AllowUnsecureAuthentication(true);
                if (options.Certificate is { } certificate)
                {
                    endpoint.Certificate(certificate);
                }
            });
        if (options.CommandWaitTimeout is { } idle)
        {
            builder.CommandWaitTimeout(idle);
        }

        LoopbackSmtpServer? self = null;
        var services = new SmtpServices();
        services.Add(listeners);
        services.Add(new Store(() => self!));
        services.Add(new Filter(() => self!));
        if (!options.AdvertiseSmtpUtf8)
        {
            services.Add(new CommandsWithoutSmtpUtf8());
        }
        if (options.Credentials is not null)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) =>
            {
                Interlocked.Increment(ref self!._authenticationAttempts);
                return self._account is { } account && user == account.UserName && password == account.Password;
            }));
        }

        var server = new SmtpServerHost(builder.Build(), services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        var port = await started.Task.WaitAsync(StartTimeout);
        self = new LoopbackSmtpServer(options, port, server, running, stop);
        if (options.Credentials is { } credentials)
        {
            self.AcceptCredentials(credentials.UserName, credentials.Password);
        }

        server.SessionCreated += (_, e) =>
        {
            Interlocked.Increment(ref self._sessions);
            e.Context.CommandExecuting += (_, command) => self.OnCommand(command.Context, command.Command);
        };
        server.SessionCompleted += (_, _) => self.OnSessionEnded();
        server.SessionFaulted += (_, _) => self.OnSessionEnded();
        server.SessionCancelled += (_, _) => self.OnSessionEnded();
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _sessionEnded.Dispose();
    }

    private void OnSessionEnded()
    {
        Interlocked.Increment(ref _endedSessions);
        _sessionEnded.Release();
    }

    private void OnCommand(ISessionContext context, SmtpCommand command)
    {
        if (command is DataCommand)
        {
            Interlocked.Increment(ref _dataCommands);
        }

        var drop = command switch
        {
            MailCommand => Interlocked.Exchange(ref _dropAtNextMailFrom, 0) == 1,
            DataCommand => Interlocked.Exchange(ref _dropAtNextData, 0) == 1,
            _ => false,
        };
        if (drop)
        {
            context.Pipe.Dispose();
        }
    }

    private sealed record Account(string UserName, string Password);

    private sealed class Store(Func<LoopbackSmtpServer> server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var response = Save(context, transaction, buffer, cancellationToken);
            var self = server();
            if (Interlocked.Exchange(ref self._holdNextMessage, 0) == 1)
            {
                self._messageHeld.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return response;
        }

        private SmtpResponse Save(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var self = server();
            if (self._dataReplies.TryDequeue(out var reply))
            {
                return new SmtpResponse((SmtpReplyCode)reply.Code, reply.Text);
            }

            var raw = buffer.ToArray();
            using var stream = new MemoryStream(raw);
            self._received.Enqueue(new ReceivedMessage(
                context.SessionId,
                context.Pipe.IsSecure,
                transaction.From.AsAddress(),
                [.. transaction.To.Select(to => to.AsAddress())],
                raw,
                MimeMessage.Load(stream, cancellationToken),
                transaction.Parameters.ContainsKey("SMTPUTF8")));
            self._acceptedPerSession.AddOrUpdate(context.SessionId.ToString(), 1, (_, n) => n + 1);
            if (Interlocked.Exchange(ref self._dropAfterNextMessage, 0) == 1)
            {
                context.Pipe.Dispose();
            }

            return SmtpResponse.Ok;
        }
    }

    /// <summary>Answers EHLO like the real server, without SMTPUTF8 (RFC 6531), as many servers still do.</summary>
    private sealed class CommandsWithoutSmtpUtf8 : SmtpCommandFactory
    {
        public override SmtpCommand CreateEhlo(string domainOrAddress) => new EhloWithoutSmtpUtf8(domainOrAddress);

        private sealed class EhloWithoutSmtpUtf8(string domainOrAddress) : EhloCommand(domainOrAddress)
        {
            protected override IEnumerable<string> GetExtensions(ISessionContext context)
                => base.GetExtensions(context).Where(extension => extension != "SMTPUTF8");
        }
    }

    private sealed class Filter(Func<LoopbackSmtpServer> server) : MailboxFilter
    {
        public override Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
        {
            var self = server();
            if (self.Options.HangUpAfterMessages is { } limit
                && self._acceptedPerSession.TryGetValue(context.SessionId.ToString(), out var accepted)
                && accepted >= limit)
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)421, "4.4.2 Closing this connection, try another"), quit: true);
            }

            return Task.FromResult(true);
        }

        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (server()._refusedRecipients.TryGetValue(to.AsAddress(), out var refusal))
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)refusal.Code, refusal.Text));
            }

            return Task.FromResult(true);
        }
    }
}

/// <summary>How a <see cref="LoopbackSmtpServer"/> behaves from the start.</summary>
internal sealed record LoopbackSmtpServerOptions
{
    /// <summary>When set, AUTH is required and only these credentials pass.</summary>
    public (string UserName, string Password)? Credentials { get; init; }

    /// <summary>When set, the server hangs up on a client that sends no command for this long.</summary>
    public TimeSpan? CommandWaitTimeout { get; init; }

    /// <summary>When set, a session that has delivered this many messages gets 421 and is closed at its next MAIL FROM.</summary>
    public int? HangUpAfterMessages { get; init; }

    /// <summary>When set, the server offers STARTTLS with this certificate, or speaks TLS from the first byte with <see cref="ImplicitTls"/>.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>TLS from the first byte (port 465 style); needs <see cref="Certificate"/>.</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>Whether EHLO offers SMTPUTF8 (RFC 6531), which the SmtpServer package always does; false to act as a server without it.</summary>
    public bool AdvertiseSmtpUtf8 { get; init; } = true;
}

/// <summary>
/// One message as the server received it: whether its session was encrypted, the envelope, the raw bytes, the parsed
/// message, and whether MAIL FROM asked for SMTPUTF8.
/// </summary>
internal sealed record ReceivedMessage(Guid SessionId, bool Secure, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, byte[] Raw, MimeMessage Message, bool SmtpUtf8);
