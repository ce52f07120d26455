using System.Globalization;
using System.Text.Json;
using FollowUps.PostgreSql.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FollowUps.PostgreSql.Storage;

/// <summary>
/// The database and how every operation reaches it: a pooled connection per try, held only while its statements run
/// (never across a send); a transient fault (Npgsql's <see cref="NpgsqlException.IsTransient"/>: a dropped connection, a
/// restart, a failover, a deadlock) tried again up to <see cref="Retries"/> times with a short growing pause; anything
/// else, or the last fault, reaches the caller. Each operation must be safe to run again after a try whose commit may
/// have happened but whose answer was lost; <see cref="RunAsync{T}"/> tells the body which try it is. A row that does
/// not read back becomes an <see cref="InvalidDataException"/>. Thread-safe.
/// </summary>
internal sealed class PostgresDatabase(NpgsqlDataSource source, int retries, ILogger logger)
{
    /// <summary>The server and database, for logs and messages (never the password).</summary>
    public string Server { get; } = Describe(source.ConnectionString);

    public int Retries { get; } = retries;

    /// <summary>
    /// Runs <paramref name="body"/> on an open connection, again on a fresh one after a transient fault;
    /// <paramref name="operation"/> names it in logs and errors ("claim a follow-up"). The body gets the try (1 first).
    /// </summary>
    public async Task<T> RunAsync<T>(string operation, Func<NpgsqlConnection, int, Task<T>> body, CancellationToken cancellationToken)
    {
        for (var @try = 1; ; @try++)
        {
            try
            {
                var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    return await body(connection, @try).ConfigureAwait(false);
                }
            }
            catch (NpgsqlException exception) when (exception.IsTransient && @try <= Retries && !cancellationToken.IsCancellationRequested)
            {
                if (exception is not PostgresException)
                {
                    // The connection itself failed (a restart, a failover): its idle siblings in the pool are likely dead too.
                    source.Clear();
                }

                var delay = TimeSpan.FromMilliseconds(50 << (@try - 1));
                Log.Retrying(logger, exception, operation, Server, @try, Retries + 1, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw Corrupt(operation, exception);
            }
            catch (InvalidCastException exception)
            {
                throw Corrupt(operation, exception);
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> in a transaction, committed when it returns and rolled back when it throws; again after a transient fault.</summary>
    public Task<T> WriteAsync<T>(string operation, Func<NpgsqlConnection, NpgsqlTransaction, int, Task<T>> body, CancellationToken cancellationToken) =>
        RunAsync(operation, async (connection, @try) =>
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await body(connection, transaction, @try).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }, cancellationToken);

    private InvalidDataException Corrupt(string operation, Exception exception) =>
        new($"Could not {operation}: a row in PostgreSQL {Server} is corrupt ({exception.Message}). Nothing was changed.", exception);

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}");
    }
}
