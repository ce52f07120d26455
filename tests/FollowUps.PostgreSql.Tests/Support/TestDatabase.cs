using Npgsql;

namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>A database of one test's own on the shared server (<see cref="PostgresServer.CreateDatabaseAsync"/>), dropped when disposed.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;

    internal TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>The shared server's connection string with this database in it.</summary>
    public string ConnectionString { get; }

    /// <summary>Drops the database, ending the sessions still on it.</summary>
    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
