using System.Globalization;
using System.Text.Json;
using FollowUps.PostgreSql.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FollowUps.PostgreSql.Storage;

/// <summary>
/// The database and how every operation reaches it: a pooled connection per try, held only while its statements run
/// (never across a send); a fault worth trying again (<see cref="IsRetried"/>) tried again up to <see cref="Retries"/>
/// times on a fresh connection with a short growing pause; anything else, or the last fault, reaches the caller. Each
/// operation must be safe to run again after a try whose commit may have happened but whose answer was lost;
/// <see cref="RunAsync{T}"/> tells the body which try it is. A row that does not read back becomes an
/// <see cref="InvalidDataException"/>. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Tried again: what Npgsql 10 calls transient (<see cref="NpgsqlException.IsTransient"/>) and is not a wait that
/// ran out. That is a connection refused or reset (a restart, a failover: an <see cref="NpgsqlException"/> over a
/// <see cref="System.Net.Sockets.SocketException"/> or an <see cref="IOException"/>), a server process terminated
/// (57P01 admin_shutdown, from <c>pg_terminate_backend</c> or a fast shutdown; 57P02 crash_shutdown), a server
/// starting up (57P03), too many connections (53300), a deadlock (40P01), a serialization failure (40001).</para>
/// <para>Not tried again: a timeout, whether the client's (<c>Command Timeout</c>, <c>Timeout</c> to connect, a pool
/// exhausted: an <see cref="NpgsqlException"/> over a <see cref="TimeoutException"/>) or the server's
/// (<c>lock_timeout</c>, 55P03; <c>statement_timeout</c>, 57014). The wait already ran its full length, usually behind a
/// lock another transaction holds for as long as it holds it; trying again would make the caller wait that long
/// <see cref="Retries"/> + 1 times and pile more waiters on the lock. The call fails for itself (the engine reports the
/// store unavailable for it; a claim that failed stored nothing) and the dispatcher takes up what waits later.</para>
/// <para>The pool needs no help after a dropped connection: Npgsql closes every idle connection of the data source
/// itself when one breaks on a transient fault (<c>NpgsqlConnector.Break</c> clears the pool), so the next try opens
/// a fresh one rather than finding the next dead one.</para>
/// </remarks>
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
            catch (NpgsqlException exception) when (IsRetried(exception) && @try <= Retries && !cancellationToken.IsCancellationRequested)
            {
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

    /// <summary>Whether <paramref name="exception"/> is worth trying again at once: transient, and not a wait that ran out (see the remarks on this class).</summary>
    public static bool IsRetried(NpgsqlException exception) =>
        exception.IsTransient
        && exception.InnerException is not TimeoutException
        && exception is not PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled };

    private InvalidDataException Corrupt(string operation, Exception exception) =>
        new($"Could not {operation}: a row in PostgreSQL {Server} is corrupt ({exception.Message}). Nothing was changed.", exception);

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}");
    }
}
