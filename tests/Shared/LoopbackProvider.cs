using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUps.Tests.Shared;

/// <summary>
/// A fake SMS and email provider for child processes: a minimal HTTP/1.1 server on 127.0.0.1 and a free port (a plain
/// <see cref="TcpListener"/>, so a test project needs no ASP.NET Core). It logs every POST, by follow-up key
/// (<see cref="KeyHeader"/>) and sending child (<see cref="SenderHeader"/>, when sent), the moment the request has
/// arrived whole, before it answers. It answers 201 with a message id of its own, except the requests it holds (the
/// first of each key when started so, and every request of a child it was told to <see cref="Hold"/>): those it never
/// answers (the connection stays open until the client dies or the fake is disposed). Linked into each test project
/// that runs child processes. Thread-safe.
/// </summary>
internal sealed class LoopbackProvider : IAsyncDisposable
{
    public const string KeyHeader = "X-FollowUp-Key", SenderHeader = "X-FollowUp-Sender";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<ProviderRequest> _requests = [];
    private readonly Dictionary<string, int> _received = [];
    private readonly HashSet<string> _held = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrived = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly bool _holdFirst;
    private Task _accepting = Task.CompletedTask;
    private int _ids;

    private LoopbackProvider(bool holdFirst) => _holdFirst = holdFirst;

    /// <summary>The base address, such as <c>http://127.0.0.1:40169/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every request that arrived, in order.</summary>
    public IReadOnlyList<ProviderRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a fake that answers every request, or (<paramref name="holdFirst"/>) holds the first request of each key.</summary>
    public static LoopbackProvider Start(bool holdFirst = false)
    {
        var provider = new LoopbackProvider(holdFirst);
        provider._listener.Start();
        provider.Address = new Uri($"http://127.0.0.1:{((IPEndPoint)provider._listener.LocalEndpoint).Port}/");
        provider._accepting = provider._listener.AcceptEachAsync(
            client =>
            {
                provider._clients.Add(client);
                _ = Task.Run(() => provider.ServeAsync(client));
            },
            provider._stop.Token);
        return provider;
    }

    /// <summary>From now on, the requests of the child named <paramref name="sender"/> are logged and never answered.</summary>
    public void Hold(string sender)
    {
        lock (_gate)
        {
            _held.Add(sender);
        }
    }

    /// <summary>How many requests for <paramref name="key"/> have arrived.</summary>
    public int Received(FollowUpKey key)
    {
        lock (_gate)
        {
            return _received.GetValueOrDefault(key.ToString());
        }
    }

    /// <summary>How many requests arrived for each follow-up key (<see cref="FollowUpKey.ToString"/>).</summary>
    public IReadOnlyDictionary<string, int> ReceivedByKey()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_received);
        }
    }

    /// <summary>Completes when the first request for <paramref name="key"/> has arrived (and been logged).</summary>
    public Task Arrived(FollowUpKey key) => Signal(key.ToString()).Task;

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

    /// <summary>Serves one connection's requests (HttpClient keeps connections alive) until it closes.</summary>
    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            while (await HttpRequests.ReadAsync(stream, buffer, _stop.Token) is { } headers)
            {
                var request = Log(headers.GetValueOrDefault(KeyHeader, ""), headers.GetValueOrDefault(SenderHeader, ""));
                Signal(request.Key).TrySetResult();
                if (request.MessageId is null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                var body = Encoding.ASCII.GetBytes(request.MessageId!);
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

    /// <summary>Counts and logs one request, and decides whether it is held (then it gets no message id).</summary>
    private ProviderRequest Log(string key, string sender)
    {
        lock (_gate)
        {
            var count = _received[key] = _received.GetValueOrDefault(key) + 1;
            var held = (_holdFirst && count == 1) || _held.Contains(sender);
            var request = new ProviderRequest(key, sender, held ? null : string.Create(CultureInfo.InvariantCulture, $"SM{++_ids:D32}"));
            _requests.Add(request);
            return request;
        }
    }

    private TaskCompletionSource Signal(string key) => _arrived.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>One request the fake received: the follow-up's key, the child that sent it ("" when unnamed), the message id it answered (none when held).</summary>
internal sealed record ProviderRequest(string Key, string Sender, string? MessageId);
