using Npgsql;

namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>Stores on the shared test server, each in a schema of its own, through one data source for the whole run.</summary>
public static class TestStores
{
    /// <summary>
    /// At most 40 connections, well under the server's 100: a pool keeps what it opened at its busiest for minutes, and
    /// tests of data sources of their own (8 hosts opening one schema at once, hosts with a connection string) need the rest.
    /// </summary>
    private static readonly Lazy<Task<NpgsqlDataSource>> Source = new(async () => NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(await PostgresServer.ConnectionStringAsync().ConfigureAwait(false)) { MaxPoolSize = 40 }.ConnectionString));

    /// <summary>The shared server's data source (never disposed: it lives as long as the test run).</summary>
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
