using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Review;

/// <summary>
/// A loopback TCP proxy in front of a PostgreSQL server that loses one answer on purpose: once armed with a command tag
/// (<c>COMMIT</c>, <c>SELECT 1</c>), it closes the client's connection when the server's reply holds that tag followed by
/// ReadyForQuery, without passing the reply on. The server has committed by then; the client sees a dropped connection
/// (transient) and tries again: a commit whose answer was lost. Thread-safe.
/// </summary>
public sealed class AnswerDroppingProxy : IAsyncDisposable
{
    private static readonly byte[] ReadyForQuery = [(byte)'Z', 0, 0, 0, 5];
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private byte[]? _trigger;
    private int _dropped;

    private AnswerDroppingProxy(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        _ = _listener.AcceptEachAsync(client => _ = RelayAsync(client), _stop.Token);
    }

    /// <summary>How many answers were lost so far.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>A proxy to the server <paramref name="connectionString"/> names, and a connection string through it (no pooling, so every try opens a connection through it).</summary>
    public static (AnswerDroppingProxy Proxy, string ConnectionString) Start(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var proxy = new AnswerDroppingProxy(server.Host!, server.Port);
        var through = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = ((IPEndPoint)proxy._listener.LocalEndpoint).Port, Pooling = false, SslMode = SslMode.Disable, GssEncryptionMode = GssEncryptionMode.Disable };
        return (proxy, through.ConnectionString);
    }

    /// <summary>Loses the next reply that holds the command tag <paramref name="tag"/> (and ReadyForQuery after it).</summary>
    public void LoseNextAnswerTo(string tag) => Volatile.Write(ref _trigger, Encoding.ASCII.GetBytes(tag + "\0"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_host, _port, _stop.Token);
                var toServer = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var toClient = AnswersAsync(server.GetStream(), client.GetStream());
                await Task.WhenAny(toServer, toClient);
            }
            catch (Exception)
            {
                // A connection dropped on purpose, or the proxy stopped.
            }
        }
    }

    /// <summary>Passes the server's replies on, until one is to be lost.</summary>
    private async Task AnswersAsync(Stream server, Stream client)
    {
        var buffer = new byte[64 * 1024];
        var held = new List<byte>();
        while (true)
        {
            var read = await server.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            var trigger = Volatile.Read(ref _trigger);
            if (trigger is null)
            {
                await client.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                continue;
            }

            // Armed: hold the reply back until it is complete (ReadyForQuery), then lose it if it holds the tag.
            held.AddRange(buffer.AsSpan(0, read));
            var reply = held.ToArray().AsSpan();
            var tagAt = reply.IndexOf(trigger);
            if (tagAt >= 0 && reply[tagAt..].IndexOf(ReadyForQuery) >= 0 && Interlocked.CompareExchange(ref _trigger, null, trigger) == trigger)
            {
                Interlocked.Increment(ref _dropped);
                return; // The connection closes without the reply.
            }

            if (reply.IndexOf(ReadyForQuery) >= 0)
            {
                await client.WriteAsync(held.ToArray(), _stop.Token);
                held.Clear();
            }
        }
    }
}
