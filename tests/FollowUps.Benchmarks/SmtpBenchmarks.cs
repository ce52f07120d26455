using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using FollowUps.Smtp;
using FollowUps.Smtp.Delivery;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using MailKitSmtpClient = MailKit.Net.Smtp.SmtpClient;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;

namespace FollowUps.Benchmarks;

/// <summary>
/// Emails per second to a real SMTP server (the SmtpServer package) in this process on 127.0.0.1, which takes every message
/// into a counter: <see cref="SmtpEmailSender"/> reusing its one connection, beside a baseline that opens a new MailKit
/// connection for each message (connect, send, QUIT). Per email, over a batch of 50; both send the same MIME message shape
/// (built by the library's <see cref="MimeMessageFactory"/>: text and HTML bodies, derived Message-ID).
/// </summary>
/// <remarks>
/// The server's sockets have Nagle's algorithm off (<see cref="NoDelayListeners"/>). With the package's own listener they
/// keep it on, and its replies to a pipelined MAIL, RCPT and DATA wait for the client's delayed ACK: about 44 ms per email
/// on loopback whichever client sends, which would hide the difference this measures.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet never disposes a benchmark instance; [GlobalCleanup] disposes the sender and the server.")]
public class SmtpBenchmarks
{
    private const int Batch = 50;
    private const string Host = "127.0.0.1";
    private const string FromAddress = "followups@acme.test";

    private static readonly EmailMessage Message = new()
    {
        Key = new FollowUpKey("acme", "recall", "contact-1", FollowUpKind.Email),
        To = "maria@example.com",
        FromName = "Dana from Acme Dental",
        Subject = "Great talking today",
        TextBody = "Hi Maria,\n\nThanks for your time today. Book your next visit here: https://cal.example.com/acme-dental\n\nDana",
        HtmlBody = "<p>Hi Maria,</p><p>Thanks for your time today. <a href=\"https://cal.example.com/acme-dental\">Book your next visit</a>.</p><p>Dana</p>",
    };

    private readonly MimeMessageFactory _messages = new(FromAddress, TimeProvider.System);
    private CancellationTokenSource _stop = null!;
    private SmtpServerHost _server = null!;
    private Task _running = null!;
    private SmtpEmailSender _sender = null!;
    private int _port;
    private int _received;
    private int _sessions;

    [GlobalSetup]
    public async Task StartServerAndCheckDelivery()
    {
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayListeners(port => started.TrySetResult(port));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("loopback.bench")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)).IsSecure(false))
            .Build();
        var services = new SmtpServices();
        services.Add((IEndpointListenerFactory)listeners);
        services.Add(new CountingStore(() => Interlocked.Increment(ref _received)));
        _server = new SmtpServerHost(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        _port = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        _sender = new SmtpEmailSender(
            Options.Create(new SmtpEmailOptions
            {
                Host = Host,
                Port = _port,
                Security = SmtpSecurity.None,
                FromAddress = FromAddress,
                Timeout = TimeSpan.FromSeconds(10),
            }),
            TimeProvider.System,
            NullLogger<SmtpEmailSender>.Instance);

        // Two emails each way: the sender's must arrive over one session, the baseline's over one session each.
        var (received, sessions) = (Volatile.Read(ref _received), Volatile.Read(ref _sessions));
        for (var i = 0; i < 2; i++)
        {
            var result = await _sender.SendAsync(Message, CancellationToken.None);
            if (result.Status != SendStatus.Sent)
            {
                throw new InvalidOperationException($"SmtpEmailSender did not send: {result.Status} {result.Error}");
            }
        }

        await WaitForAsync(received + 2, sessions + 1, "SmtpEmailSender, 2 emails over 1 connection");
        (received, sessions) = (Volatile.Read(ref _received), Volatile.Read(ref _sessions));
        await SendOnNewConnectionAsync();
        await SendOnNewConnectionAsync();
        await WaitForAsync(received + 2, sessions + 2, "MailKit connect-per-message, 2 emails over 2 connections");
    }

    [GlobalCleanup]
    public async Task StopServer()
    {
        await _sender.DisposeAsync();
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
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public async Task MailKit_ConnectPerMessage()
    {
        for (var i = 0; i < Batch; i++)
        {
            await SendOnNewConnectionAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task SmtpEmailSender_OneConnection()
    {
        for (var i = 0; i < Batch; i++)
        {
            await _sender.SendAsync(Message, CancellationToken.None);
        }
    }

    private async Task SendOnNewConnectionAsync()
    {
        using var mime = _messages.Create(Message);
        using var client = new MailKitSmtpClient { Timeout = 10_000 };
        await client.ConnectAsync(Host, _port, SecureSocketOptions.None, CancellationToken.None);
        await client.SendAsync(mime, CancellationToken.None);
        await client.DisconnectAsync(quit: true, CancellationToken.None);
    }

    private async Task WaitForAsync(int received, int sessions, string what)
    {
        // The server counts a session when it starts handling it, which can trail the client's connect a little.
        for (var wait = 0; wait < 100 && (Volatile.Read(ref _received) < received || Volatile.Read(ref _sessions) < sessions); wait++)
        {
            await Task.Delay(50);
        }

        var (actualReceived, actualSessions) = (Volatile.Read(ref _received), Volatile.Read(ref _sessions));
        if (actualReceived != received || actualSessions != sessions)
        {
            throw new InvalidOperationException(
                $"The benchmark does not measure what its name says ({what}): the server counted {actualReceived} messages over {actualSessions} sessions, expected {received} over {sessions}.");
        }
    }

    private sealed class CountingStore(Action received) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            received();
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    /// <summary>The package's TCP listener, but with <see cref="Socket.NoDelay"/> on every accepted connection. No TLS.</summary>
    private sealed class NoDelayListeners(Action<int> started) : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            started(((IPEndPoint)listener.LocalEndpoint).Port);
            return new Listener(listener);
        }

        private sealed class Listener(TcpListener listener) : IEndpointListener
        {
            public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                return new PlainPipe(client);
            }

            public void Dispose() => listener.Stop();
        }

        private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
        {
            public PipeReader Input { get; } = PipeReader.Create(client.GetStream());

            public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());

            public bool IsSecure => false;

            public SslProtocols SslProtocol => SslProtocols.None;

            public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
                => throw new NotSupportedException("This benchmark server does not offer TLS.");

            public void Dispose() => client.Dispose();
        }
    }
}
