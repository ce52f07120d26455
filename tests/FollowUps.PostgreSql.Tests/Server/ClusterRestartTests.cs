using FollowUps.PostgreSql.Tests.Support;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Server;

/// <summary>A cluster of a test's own, restarted: what was committed survives, and a client sees the outage as transient.</summary>
public sealed class ClusterRestartTests
{
    [Theory]
    [InlineData(PostgresStopMode.Fast)]
    [InlineData(PostgresStopMode.Immediate)]
    public async Task Restart_KeepsACommittedRow_AndRefusesConnectionsWhileDown(PostgresStopMode mode)
    {
        await using var cluster = await PostgresCluster.StartNewAsync(Binaries());
        var connectionString = cluster.ConnectionString + ";Pooling=false";
        await ExecuteAsync(connectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");

        await cluster.StopAsync(mode);

        cluster.IsRunning.Should().BeFalse();
        var refused = await FluentActions.Awaiting(() => ExecuteAsync(connectionString, "SELECT 1")).Should().ThrowAsync<NpgsqlException>();
        refused.Which.IsTransient.Should().BeTrue("a refused connection is what Npgsql's retry classification retries");

        await cluster.StartAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT id FROM kept", connection);
        ((int)(await read.ExecuteScalarAsync())!).Should().Be(42);
    }

    [Fact]
    public async Task Dispose_StopsTheServerAndDeletesItsFolder()
    {
        var cluster = await PostgresCluster.StartNewAsync(Binaries());

        await cluster.DisposeAsync();

        Directory.Exists(cluster.Folder).Should().BeFalse();
        await FluentActions.Awaiting(() => ExecuteAsync(cluster.ConnectionString + ";Pooling=false", "SELECT 1")).Should().ThrowAsync<NpgsqlException>();
    }

    private static string Binaries() =>
        PostgresBinaries.Find() ?? throw new InvalidOperationException(PostgresServerSource.Decide(null, null).Problem);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
