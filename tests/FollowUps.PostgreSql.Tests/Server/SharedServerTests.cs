using FollowUps.PostgreSql.Tests.Support;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Server;

/// <summary>The server the tests share: PostgreSQL 15 or newer, shared through schemas and databases of their own.</summary>
public sealed class SharedServerTests
{
    [Fact]
    public async Task SharedServer_Answers_AsPostgreSql15OrNewer()
    {
        await using var connection = new NpgsqlConnection(await PostgresServer.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", connection);

        var version = (int)(await command.ExecuteScalarAsync())!;

        version.Should().BeGreaterThanOrEqualTo(150000);
    }

    [Fact]
    public async Task NewSchemaName_TwoTests_EachSeeOnlyTheRowsOfItsOwnSchema()
    {
        var (first, second) = (PostgresServer.NewSchemaName(), PostgresServer.NewSchemaName());
        first.Should().MatchRegex("^t_[0-9a-f]{12}$").And.NotBe(second);
        await using var source = NpgsqlDataSource.Create(await PostgresServer.ConnectionStringAsync());
        foreach (var schema in new[] { first, second })
        {
            await using var create = source.CreateCommand($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.rows (id int)");
            await create.ExecuteNonQueryAsync();
        }

        await using (var insert = source.CreateCommand($"INSERT INTO {first}.rows VALUES (1)"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var searchPath = new NpgsqlConnectionStringBuilder(await PostgresServer.ConnectionStringAsync()) { SearchPath = second };
        await using var secondOnly = NpgsqlDataSource.Create(searchPath.ConnectionString);
        await using var count = secondOnly.CreateCommand("SELECT count(*) FROM rows");
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(0);
    }

    [Fact]
    public async Task CreateDatabase_GivesAnEmptyDatabaseOfItsOwn_DroppedWhenDisposed()
    {
        string name;
        await using (var database = await PostgresServer.CreateDatabaseAsync())
        {
            name = database.Name;
            await using var source = NpgsqlDataSource.Create(database.ConnectionString);
            await using var current = source.CreateCommand("SELECT current_database()");
            ((string)(await current.ExecuteScalarAsync())!).Should().Be(name);
        }

        await using var server = NpgsqlDataSource.Create(await PostgresServer.ConnectionStringAsync());
        await using var exists = server.CreateCommand("SELECT count(*) FROM pg_database WHERE datname = $1");
        exists.Parameters.Add(new() { Value = name });
        ((long)(await exists.ExecuteScalarAsync())!).Should().Be(0, "disposing drops the database");
    }
}
