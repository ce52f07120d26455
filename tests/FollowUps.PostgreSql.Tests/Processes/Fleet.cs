using FollowUps.PostgreSql.Tests.Support;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>
/// The children of one test, on the shared server: started together, told <c>go</c> together once each is ready (its
/// host started, the schema checked), killed by <see cref="DisposeAsync"/> when still running.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly List<ChildProcess> _children = [];

    public IReadOnlyList<ChildProcess> Children => _children;

    /// <summary>
    /// The shared server's connection string for a child: at most six connections each, so the children of a test stay
    /// well inside the test server's 400 beside the other tests.
    /// </summary>
    public static async Task<string> ConnectionStringAsync() =>
        new NpgsqlConnectionStringBuilder(await PostgresServer.ConnectionStringAsync()) { MaxPoolSize = 6 }.ConnectionString;

    /// <summary>Starts a child named <paramref name="name"/> in <paramref name="mode"/> with the mode's <paramref name="arguments"/> after the name.</summary>
    public ChildProcess Start(string mode, string connection, string schema, LoopbackProvider provider, string name, params string[] arguments)
    {
        var child = ChildProcess.Start(name, [mode, connection, schema, provider.Address.ToString(), name, .. arguments]);
        _children.Add(child);
        return child;
    }

    /// <summary>Waits until each of <paramref name="children"/> (all when not given) is ready, then tells each to go.</summary>
    public async Task GoAsync(IEnumerable<ChildProcess>? children = null)
    {
        var starting = (children ?? _children).ToList();
        await Task.WhenAll(starting.Select(child => child.WaitForLineAsync(ChildProcess.ReadyLine)));
        await Task.WhenAll(starting.Select(child => child.TellAsync(ChildProcess.GoLine)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            await child.DisposeAsync();
        }
    }
}
