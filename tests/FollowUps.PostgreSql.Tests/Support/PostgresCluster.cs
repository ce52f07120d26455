using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster of its own, started exactly as <c>.ci/run</c> starts CI's (initdb with trust
/// authentication, 127.0.0.1 on a free port, fsync on; as the postgres user when the tests run as root), for tests
/// that stop and restart their server. Never restart the shared server (<see cref="PostgresServer"/>): xunit runs
/// test classes in parallel. Disposing stops the server and deletes its folder. Not thread-safe: one test drives it.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{

    private PostgresCluster(string bin, string folder, int port)
    {
        Bin = bin;
        Folder = folder;
        Port = port;
    }

    /// <summary>The folder of <c>initdb</c> and <c>pg_ctl</c>.</summary>
    public string Bin { get; }

    /// <summary>The folder holding the data folder, the server's log and its Unix socket.</summary>
    public string Folder { get; }

    /// <summary>The port on 127.0.0.1, kept across restarts.</summary>
    public int Port { get; }

    /// <summary>Whether the server was started and not stopped since.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>The superuser's connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";

    /// <summary>The data folder (<c>pg_ctl -D</c>).</summary>
    public string Data => Path.Combine(Folder, "data");

    private string Log => Path.Combine(Folder, "server.log");

    /// <summary>Creates a cluster in a fresh folder and starts it, from <paramref name="binDirectory"/> or the binaries found.</summary>
    public static async Task<PostgresCluster> StartNewAsync(string? binDirectory = null, CancellationToken cancellationToken = default)
    {
        var bin = binDirectory ?? PostgresBinaries.Find()
            ?? throw new InvalidOperationException(PostgresServerSource.Decide(null, null).Problem);
        await PostgresProcesses.ReapOrphansAsync(bin, cancellationToken);
        var cluster = new PostgresCluster(bin, PostgresProcesses.NewFolder(), FreePort());
        try
        {
            await cluster.RunAsync("initdb", ["--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-D", cluster.Data], cancellationToken);
            await cluster.StartAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server on the same data folder and port; after an immediate stop it recovers first.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var options = $"-c listen_addresses=127.0.0.1 -p {Port.ToString(CultureInfo.InvariantCulture)} -c unix_socket_directories={Folder} -c fsync=on -c max_connections=400";
        await RunAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", Data, "-l", Log, "-o", options], cancellationToken);
        IsRunning = true;
    }

    /// <summary>Stops the server: <see cref="PostgresStopMode.Fast"/> for a clean shutdown, <see cref="PostgresStopMode.Immediate"/> for a crash.</summary>
    public async Task StopAsync(PostgresStopMode mode = PostgresStopMode.Fast, CancellationToken cancellationToken = default)
    {
        await RunAsync("pg_ctl", ["stop", "-w", "-t", "60", "-D", Data, "-m", mode == PostgresStopMode.Fast ? "fast" : "immediate"], cancellationToken);
        IsRunning = false;
    }

    /// <summary>Stops the server at once when it runs and deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsRunning || File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await StopAsync(PostgresStopMode.Immediate);
        }

        PostgresProcesses.Delete(Folder);
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await PostgresProcesses.RunAsync(Path.Combine(Bin, program), arguments, Folder, cancellationToken);
        if (exitCode != 0)
        {
            var log = File.Exists(Log) ? await File.ReadAllTextAsync(Log, cancellationToken) : "(no server log)";
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {exitCode.ToString(CultureInfo.InvariantCulture)}:\n{output}\nServer log:\n{log}");
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
