using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace FollowUps.Tests.Shared;

/// <summary>Reads HTTP/1.1 requests off a connection for the <see cref="LoopbackProvider"/>: enough of the protocol for HttpClient's POSTs.</summary>
internal static class HttpRequests
{
    /// <summary>
    /// Reads one request whole (head and a <c>Content-Length</c> body) from <paramref name="stream"/>, keeping what
    /// follows it in <paramref name="buffer"/>; returns its headers, or <see langword="null"/> when the connection closed first.
    /// </summary>
    public static async Task<Dictionary<string, string>?> ReadAsync(NetworkStream stream, List<byte> buffer, CancellationToken cancellationToken)
    {
        var chunk = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0 || buffer.Count > 64 * 1024)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var headers = Encoding.ASCII.GetString([.. buffer[..headEnd]]).Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var total = headEnd + 4 + int.Parse(headers.GetValueOrDefault("Content-Length", "0"), CultureInfo.InvariantCulture);
        while (buffer.Count < total)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        buffer.RemoveRange(0, total);
        return headers;
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
