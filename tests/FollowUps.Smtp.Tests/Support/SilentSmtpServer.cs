using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>A mailbox that hangs: accepts TCP connections on 127.0.0.1 and never says a word, until disposed.</summary>
internal sealed class SilentSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<TcpClient> _clients = new();
    private readonly TaskCompletionSource _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SilentSmtpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Completes when the first client has connected.</summary>
    public Task Accepted => _accepted.Task;

    /// <summary>How many connections it has accepted.</summary>
    public int Connections => _clients.Count;

    /// <summary>How many of them the client still holds open (it has neither closed nor reset its end).</summary>
    public int OpenConnections => _clients.Count(client => !(client.Client.Poll(0, SelectMode.SelectRead) && client.Client.Available == 0));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        while (_clients.TryDequeue(out var client))
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            _clients.Enqueue(await _listener.AcceptTcpClientAsync(_stop.Token));
            _accepted.TrySetResult();
        }
    }
}
