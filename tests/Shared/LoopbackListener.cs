using System.Net.Sockets;

namespace FollowUps.Tests.Shared;

/// <summary>The accept loop of the tests' loopback servers (the fake provider, the answer-dropping proxy).</summary>
internal static class LoopbackListener
{
    /// <summary>
    /// Accepts connections on <paramref name="listener"/> and hands each to <paramref name="accepted"/> (which must not
    /// block: it starts the connection's work and returns), until <paramref name="cancellationToken"/> is cancelled or
    /// the listener stops.
    /// </summary>
    public static async Task AcceptEachAsync(this TcpListener listener, Action<TcpClient> accepted, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            accepted(client);
        }
    }
}
