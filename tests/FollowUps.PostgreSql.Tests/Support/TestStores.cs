using Npgsql;

namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>Stores on the shared test server, each in a schema of its own, through one data source for the whole run.</summary>
public static class TestStores
{
    private static readonly Lazy<Task<NpgsqlDataSource>> Source = new(async () =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(await PostgresServer.ConnectionStringAsync().ConfigureAwait(false)) { MaxPoolSize = 50 }.ConnectionString));

    /// <summary>
    /// The shared server's data source (never disposed: it lives as long as the test run), at most 50 connections, so the
    /// tests that open their own (other processes, a test database) stay under the test server's 400.
    /// </summary>
    public static Task<NpgsqlDataSource> DataSourceAsync() => Source.Value;

    /// <summary>
    /// A store in <paramref name="schema"/> (a fresh one when not given). Leases and due times on the test's clock
    /// (<paramref name="time"/>) unless <paramref name="databaseClock"/>: tests that move time by hand cannot move the server's.
    /// </summary>
    public static async Task<PostgreSqlFollowUpStore> CreateAsync(string? schema = null, TimeProvider? time = null, bool databaseClock = false, int transientRetries = 3) =>
        new(new PostgreSqlStoreOptions
        {
            DataSource = await DataSourceAsync().ConfigureAwait(false),
            Schema = schema ?? PostgresServer.NewSchemaName(),
            UseDatabaseClock = databaseClock,
            TransientRetries = transientRetries,
        }, timeProvider: time);
}
