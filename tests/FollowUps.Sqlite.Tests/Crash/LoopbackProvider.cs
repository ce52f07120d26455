using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// A fake SMS and email provider: a minimal HTTP/1.1 server on 127.0.0.1 and a free port (a plain
/// <see cref="TcpListener"/>, so this project needs no ASP.NET Core). It counts every POST per follow-up key (the
/// <c>X-FollowUp-Key</c> header) the moment the request has arrived whole, before it answers. It answers 201 with a
/// message id, except, when told to hold, the first request of each key, which it never answers (the connection
/// stays open until the client dies or the fake is disposed).
/// </summary>
internal sealed class LoopbackProvider : IAsyncDisposable
{
    public const string KeyHeader = "X-FollowUp-Key";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _received = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrived = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly bool _holdFirst;
    private Task _accepting = Task.CompletedTask;
    private int _ids;

    private LoopbackProvider(bool holdFirst) => _holdFirst = holdFirst;

    /// <summary>The base address, such as <c>http://127.0.0.1:40169/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts a fake that answers every request (<paramref name="holdFirst"/> false) or holds each key's first.</summary>
    public static LoopbackProvider Start(bool holdFirst)
    {
        var provider = new LoopbackProvider(holdFirst);
        provider._listener.Start();
        provider.Address = new Uri($"http://127.0.0.1:{((IPEndPoint)provider._listener.LocalEndpoint).Port}/");
        provider._accepting = provider.AcceptAsync();
        return provider;
    }

    /// <summary>How many requests for <paramref name="key"/> have arrived.</summary>
    public int Received(FollowUpKey key) => _received.GetValueOrDefault(key.ToString());

    /// <summary>Completes when the first request for <paramref name="key"/> has arrived (and been counted).</summary>
    public Task Arrived(FollowUpKey key) => _arrived.GetOrAdd(key.ToString(), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

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
            while (await ReadRequestAsync(stream, buffer) is { } key)
            {
                var count = _received.AddOrUpdate(key, 1, (_, n) => n + 1);
                _arrived.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                if (_holdFirst && count == 1)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                var id = Encoding.ASCII.GetBytes($"SM{Interlocked.Increment(ref _ids):D32}");
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: {id.Length}\r\n\r\n");
                await stream.WriteAsync(head, _stop.Token);
                await stream.WriteAsync(id, _stop.Token);
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

    /// <summary>Reads one request whole; returns its key, or <see langword="null"/> when the connection closed first.</summary>
    private async Task<string?> ReadRequestAsync(NetworkStream stream, List<byte> buffer)
    {
        var chunk = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0 || buffer.Count > 64 * 1024)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var lines = Encoding.ASCII.GetString([.. buffer[..headEnd]]).Split("\r\n");
        string? Header(string name) => lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).FirstOrDefault();
        var length = int.Parse(Header("Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var total = headEnd + 4 + length;
        while (buffer.Count < total)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        buffer.RemoveRange(0, total);
        return Header(KeyHeader) ?? "(no key)";
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
