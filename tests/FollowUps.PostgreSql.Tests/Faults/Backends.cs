using System.Globalization;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Faults;

/// <summary>
/// Data sources whose connections carry an application name of their own, and what another connection does to them:
/// fills their pool, terminates their server processes (<c>pg_terminate_backend</c>), holds a row's lock.
/// </summary>
internal static class Backends
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A data source on <paramref name="connectionString"/> whose connections are named <paramref name="name"/>; <paramref name="extra"/> is appended.</summary>
    public static NpgsqlDataSource Named(string connectionString, string name, string extra = "") =>
        NpgsqlDataSource.Create($"{connectionString};Application Name={name}{extra}");

    /// <summary>Opens <paramref name="count"/> connections at once and returns them, so the pool holds that many idle ones.</summary>
    public static async Task FillPoolAsync(NpgsqlDataSource source, int count)
    {
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < count; i++)
        {
            connections.Add(await source.OpenConnectionAsync());
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>Terminates every server process named <paramref name="name"/> and waits until they are gone; returns how many there were.</summary>
    public static async Task<int> TerminateAsync(string connectionString, string name)
    {
        await using var admin = new NpgsqlConnection(connectionString + ";Pooling=false;Application Name=terminator");
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", admin);
        terminate.Parameters.AddWithValue("name", name);
        var terminated = Convert.ToInt32(await terminate.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

        await using var left = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", admin);
        left.Parameters.AddWithValue("name", name);
        using var patience = new CancellationTokenSource(Patience);
        while (Convert.ToInt32(await left.ExecuteScalarAsync(patience.Token), CultureInfo.InvariantCulture) > 0)
        {
            await Task.Delay(10, patience.Token);
        }

        return terminated;
    }
}
