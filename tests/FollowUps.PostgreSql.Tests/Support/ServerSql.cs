using Npgsql;

namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>SQL run straight on the shared test server, beside the store: to look at what it wrote, or to set up what a test needs.</summary>
public static class ServerSql
{
    /// <summary>Runs <paramref name="sql"/> (any number of statements).</summary>
    public static async Task ExecuteAsync(string sql)
    {
        var source = await TestStores.DataSourceAsync();
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row <paramref name="sql"/> returns.</summary>
    public static async Task<T> ScalarAsync<T>(string sql)
    {
        var source = await TestStores.DataSourceAsync();
        await using var command = source.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The tables of <paramref name="schema"/>, by name.</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(string schema)
    {
        var source = await TestStores.DataSourceAsync();
        await using var command = source.CreateCommand("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = $1 ORDER BY tablename COLLATE \"C\";");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
