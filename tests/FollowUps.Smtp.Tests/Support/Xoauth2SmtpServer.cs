using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>
/// A minimal scripted SMTP server on 127.0.0.1 that offers only AUTH XOAUTH2, which the SmtpServer package does not
/// implement. It checks the bearer token, records each decoded XOAUTH2 response, and takes messages one client at a time.
/// </summary>
internal sealed class Xoauth2SmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _token;
    private readonly Task _serving;
    private int _messages;

    public Xoauth2SmtpServer(string token)
    {
        _token = token;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = ServeAsync();
    }

    public int Port { get; }

    /// <summary>Each XOAUTH2 initial response, base64-decoded ("user=...\u0001auth=Bearer ...\u0001\u0001").</summary>
    public ConcurrentQueue<string> AuthResponses { get; } = new();

    public int Messages => Volatile.Read(ref _messages);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            try
            {
                await ConverseAsync(client.GetStream(), timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The client left or the test ended.
            }
        }
    }

    private async Task ConverseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var authenticated = false;
        await writer.WriteLineAsync("220 xoauth2.test ESMTP ready");
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteAsync("250-xoauth2.test\r\n250-AUTH XOAUTH2\r\n250 8BITMIME\r\n");
                    break;
                case "AUTH" when line.StartsWith("AUTH XOAUTH2 ", StringComparison.OrdinalIgnoreCase):
                    var response = Encoding.UTF8.GetString(Convert.FromBase64String(line["AUTH XOAUTH2 ".Length..].Trim()));
                    AuthResponses.Enqueue(response);
                    authenticated = response.EndsWith($"\u0001auth=Bearer {_token}\u0001\u0001", StringComparison.Ordinal);
                    if (!authenticated)
                    {
                        await writer.WriteLineAsync("334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiQmVhcmVyIn0=");
                        await reader.ReadLineAsync(cancellationToken);
                    }

                    await writer.WriteLineAsync(authenticated ? "235 2.7.0 Accepted" : "535 5.7.8 Username and Password not accepted");
                    break;
                case "MAIL":
                    await writer.WriteLineAsync(authenticated ? "250 2.1.0 OK" : "530 5.7.0 Authentication required");
                    break;
                case "RCPT" or "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 2.1.5 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 Go ahead");
                    while (await reader.ReadLineAsync(cancellationToken) is { } data && data != ".")
                    {
                    }

                    Interlocked.Increment(ref _messages);
                    await writer.WriteLineAsync("250 2.0.0 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 closing connection");
                    return;
                default:
                    await writer.WriteLineAsync("502 5.5.1 Unrecognized command");
                    break;
            }
        }
    }
}
