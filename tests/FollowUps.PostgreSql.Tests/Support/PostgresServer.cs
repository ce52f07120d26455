using Npgsql;

namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>
/// The PostgreSQL server every test of this project shares, started lazily once per test run: the one named by
/// <c>FOLLOWUPS_POSTGRES</c> (CI's), else a throwaway <see cref="PostgresCluster"/> from the installed binaries, stopped
/// when the test process exits, else none, and then every test that asks for it fails saying what to install or set.
/// Tests share the server, so each keeps to its own schema (<see cref="NewSchemaName"/>) or database
/// (<see cref="CreateDatabaseAsync"/>). Thread-safe.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Shared = new(() => OpenAsync(
        PostgresServerSource.Decide(Environment.GetEnvironmentVariable(PostgresServerSource.Variable), PostgresBinaries.Find())));

    /// <summary>The shared server's connection string (to its <c>postgres</c> database, as a superuser).</summary>
    /// <exception cref="InvalidOperationException">There is no server; the message says what to install or set.</exception>
    public static Task<string> ConnectionStringAsync() => Shared.Value;

    /// <summary>A schema name no other test uses: <c>t_</c> and 12 hex digits. Nothing is created.</summary>
    public static string NewSchemaName() => $"t_{Guid.NewGuid():N}"[..14];

    /// <summary>A fresh, empty database on the shared server, dropped when disposed.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var server = await ConnectionStringAsync();
        var name = NewSchemaName();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new TestDatabase(server, name);
    }

    /// <summary>The connection string <paramref name="source"/> gives, starting a cluster when it names binaries.</summary>
    /// <exception cref="InvalidOperationException">The source has no server; the message is its <see cref="PostgresServerSource.Problem"/>.</exception>
    public static async Task<string> OpenAsync(PostgresServerSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Problem is not null)
        {
            throw new InvalidOperationException(source.Problem);
        }

        if (source.ConnectionString is not null)
        {
            return source.ConnectionString;
        }

        var cluster = await PostgresCluster.StartNewAsync(source.BinDirectory);
        PostgresProcesses.StopWhenThisProcessExits(cluster); // ProcessExit is too late: the test runner kills its host soon after
        return cluster.ConnectionString;
    }
}
