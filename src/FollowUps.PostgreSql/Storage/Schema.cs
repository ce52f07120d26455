using FollowUps.PostgreSql.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FollowUps.PostgreSql.Storage;

/// <summary>
/// The tables and their version, kept in the one-row table <c>schema_version</c> beside the oldest code version that may
/// still use them (<c>minimum_reader_version</c>). The SQL is the package's <c>sql/</c> files, embedded: step <c>i</c>
/// takes the schema from version <c>i</c> to <c>i + 1</c>, the first creates it. At start-up, in one transaction holding a
/// transaction-level advisory lock on the schema's name (so hosts starting together take turns; it ends with the
/// transaction, which also suits PgBouncer's transaction pooling): a missing schema is created, an older one upgraded
/// step by step, a newer one used as it is when its minimum reader version is at most <see cref="Version"/> and refused
/// otherwise. When the host runs its own migrations, the store only reads the version and refuses what it cannot use.
/// </summary>
internal static class Schema
{
    /// <summary>The version this code creates and reads.</summary>
    public const int Version = 2;

    /// <summary>The files of the steps, in order.</summary>
    public static readonly IReadOnlyList<string> Steps = ["001-create.sql", "002-leases-by-account.sql"];

    /// <summary>The first key of the advisory lock; the second is the schema's name hashed.</summary>
    private const int LockSpace = 0x466f6c6c; // "Foll"

    /// <summary>Creates, upgrades, accepts or refuses the schema; returns the version found in the end.</summary>
    /// <exception cref="InvalidOperationException">The schema is of a newer, incompatible version, or missing or older while the host manages it.</exception>
    public static Task<int> EnsureAsync(PostgresDatabase database, string schema, bool manage, ILogger logger, CancellationToken cancellationToken) =>
        database.WriteAsync("create or check the schema", async (connection, transaction, _) =>
        {
            if (manage)
            {
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockSpace}, hashtext(@schema));", cancellationToken, RecordRows.Text("schema", schema)).ConfigureAwait(false);
            }

            var (found, reader) = await ReadVersionAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false);
            if (found == Version)
            {
                return found;
            }

            if (found > Version)
            {
                if (reader > Version)
                {
                    throw new InvalidOperationException(
                        $"The FollowUps schema '{schema}' in PostgreSQL {database.Server} is version {found}, made by a newer FollowUps.PostgreSql, and needs FollowUps.PostgreSql of schema version {reader} or later; this code reads schema version {Version}. Upgrade FollowUps.PostgreSql, or use another schema.");
                }

                Log.NewerCompatible(logger, database.Server, schema, found, Version, reader);
                return found;
            }

            if (!manage)
            {
                var files = string.Join(", ", Steps.Skip(found));
                throw new InvalidOperationException(found == 0
                    ? $"The FollowUps schema '{schema}' in PostgreSQL {database.Server} has not been created, and PostgreSqlStoreOptions.ManageSchema is false: run the package's sql/ files ({files}) in it with your migrations, or let the store manage its schema."
                    : $"The FollowUps schema '{schema}' in PostgreSQL {database.Server} is version {found}, older than this code's {Version}, and PostgreSqlStoreOptions.ManageSchema is false: run the package's sql/ files {files} in it with your migrations first.");
            }

            if (found == 0 && await HasTablesAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"The PostgreSQL schema '{schema}' in {database.Server} has tables but no FollowUps schema version: it was not made by FollowUps.PostgreSql. Give the store a schema of its own (PostgreSqlStoreOptions.Schema).");
            }

            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"; SET LOCAL search_path TO \"{schema}\";", cancellationToken).ConfigureAwait(false);
            for (var step = found; step < Version; step++)
            {
                await ExecuteAsync(connection, transaction, Sql(Steps[step]), cancellationToken).ConfigureAwait(false);
            }

            if (found == 0)
            {
                Log.Created(logger, database.Server, schema, Version);
            }
            else
            {
                Log.Upgraded(logger, database.Server, schema, found, Version);
            }

            return Version;
        }, cancellationToken);

    /// <summary>The text of the package's SQL file <paramref name="name"/>.</summary>
    public static string Sql(string name)
    {
        using var stream = typeof(Schema).Assembly.GetManifestResourceStream($"FollowUps.PostgreSql.Sql.{name}")
            ?? throw new InvalidOperationException($"The SQL file {name} is missing from FollowUps.PostgreSql.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The schema's version and minimum reader version; (0, 0) when it has none.</summary>
    private static async Task<(int Version, int MinimumReader)> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        var exists = await ScalarAsync<bool>(connection, transaction, "SELECT to_regclass(format('%I.schema_version', @schema)) IS NOT NULL;", cancellationToken, RecordRows.Text("schema", schema)).ConfigureAwait(false);
        if (!exists)
        {
            return (0, 0);
        }

        var command = new NpgsqlCommand($"SELECT version, minimum_reader_version FROM \"{schema}\".schema_version WHERE id = 1;", connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (row.ConfigureAwait(false))
            {
                return await row.ReadAsync(cancellationToken).ConfigureAwait(false) ? (row.GetInt32(0), row.GetInt32(1)) : (0, 0);
            }
        }
    }

    private static Task<bool> HasTablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken) =>
        ScalarAsync<bool>(connection, transaction, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = @schema);", cancellationToken, RecordRows.Text("schema", schema));

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddRange(parameters);
            return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddRange(parameters);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
