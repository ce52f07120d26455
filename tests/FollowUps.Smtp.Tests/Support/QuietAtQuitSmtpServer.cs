using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>
/// A mailbox that takes messages like any server but never answers QUIT: a goodbye to it waits until the client gives up.
/// One client at a time, on 127.0.0.1, without TLS or authentication.
/// </summary>
internal sealed class QuietAtQuitSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _quit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serving;
    private int _messages;
    private volatile bool _holding;

    public QuietAtQuitSmtpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = ServeAsync();
    }

    public int Port { get; }

    public int Messages => Volatile.Read(ref _messages);

    /// <summary>Completes when a message held by <see cref="HoldMessages"/> has arrived (its final dot not yet answered).</summary>
    public TaskCompletionSource MessageArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the held message's final dot when completed.</summary>
    public TaskCompletionSource ReleaseMessage { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>From now on, answers a message's final dot only once <see cref="ReleaseMessage"/> completes.</summary>
    public void HoldMessages() => _holding = true;

    /// <summary>Completes when the client said QUIT (never answered).</summary>
    public Task QuitReceived => _quit.Task;

    /// <summary>Completes when the client closed the connection.</summary>
    public Task Closed => _closed.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 quiet.test ready");
        var inData = false;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                    Interlocked.Increment(ref _messages);
                    if (_holding)
                    {
                        MessageArrived.TrySetResult();
                        await ReleaseMessage.Task.WaitAsync(_stop.Token);
                    }

                    await writer.WriteLineAsync("250 OK");
                }

                continue;
            }

            var command = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (command)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-quiet.test");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "DATA":
                    inData = true;
                    await writer.WriteLineAsync("354 go ahead");
                    break;
                case "QUIT":
                    _quit.TrySetResult();
                    break; // Never answered.
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }

        _closed.TrySetResult();
    }
}
