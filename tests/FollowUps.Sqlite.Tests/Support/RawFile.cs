using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FollowUps.Sqlite.Tests.Support;

/// <summary>Reaches a database file behind the store's back, as another program (or a newer FollowUps) would.</summary>
public static class RawFile
{
    public static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 1 }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static long Number(string file, string sql) => Convert.ToInt64(Scalar(file, sql), CultureInfo.InvariantCulture);

    public static void Execute(string file, string sql)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
