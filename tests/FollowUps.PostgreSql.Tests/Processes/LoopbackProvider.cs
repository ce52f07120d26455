using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>
/// A fake SMS and email provider for the child processes: a minimal HTTP/1.1 server on 127.0.0.1 and a free port (a plain
/// <see cref="TcpListener"/>, as FollowUps.Sqlite.Tests' fake). It logs every POST, by follow-up key
/// (<see cref="KeyHeader"/>) and sending child (<see cref="SenderHeader"/>), the moment the request has arrived whole,
/// before it answers. It answers 201 with a message id of its own, except the requests of a child it was told to
/// <see cref="Hold"/>: those it never answers (the connection stays open until the child dies or the fake is disposed).
/// Thread-safe.
/// </summary>
internal sealed class LoopbackProvider : IAsyncDisposable
{
    public const string KeyHeader = "X-FollowUp-Key", SenderHeader = "X-FollowUp-Sender";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ProviderRequest> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _held = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private Task _accepting = Task.CompletedTask;
    private int _ids;

    private LoopbackProvider()
    {
    }

    /// <summary>The base address, such as <c>http://127.0.0.1:40169/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every request that arrived, in order.</summary>
    public IReadOnlyList<ProviderRequest> Requests => [.. _requests];

    public static LoopbackProvider Start()
    {
        var provider = new LoopbackProvider();
        provider._listener.Start();
        provider.Address = new Uri($"http://127.0.0.1:{((IPEndPoint)provider._listener.LocalEndpoint).Port}/");
        provider._accepting = provider.AcceptAsync();
        return provider;
    }

    /// <summary>From now on, the requests of the child named <paramref name="sender"/> are logged and never answered.</summary>
    public void Hold(string sender) => _held[sender] = true;

    /// <summary>How many requests arrived for each follow-up key (<see cref="FollowUpKey.ToString"/>).</summary>
    public IReadOnlyDictionary<string, int> ReceivedByKey() =>
        Requests.GroupBy(request => request.Key).ToDictionary(group => group.Key, group => group.Count());

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _clients.Add(client);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    /// <summary>Serves one connection's requests (HttpClient keeps connections alive) until it closes.</summary>
    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            while (await HttpRequests.ReadAsync(stream, buffer, _stop.Token) is { } headers)
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"SM{Interlocked.Increment(ref _ids):D32}");
                var sender = headers.GetValueOrDefault(SenderHeader, "");
                var held = _held.ContainsKey(sender);
                _requests.Enqueue(new ProviderRequest(headers.GetValueOrDefault(KeyHeader, ""), sender, held ? null : id));
                if (held)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                var body = Encoding.ASCII.GetBytes(id);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n"), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client died (killed mid-request) or the fake is being disposed.
        }
        finally
        {
            client.Dispose();
        }
    }
}

/// <summary>One request the fake received: the follow-up's key, the child that sent it, the message id it answered (none when held).</summary>
internal sealed record ProviderRequest(string Key, string Sender, string? MessageId);
