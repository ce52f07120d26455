using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace FollowUps.Sqlite.Storage;

/// <summary>
/// The file and how every operation reaches it: a read on a pooled connection of its own (Microsoft.Data.Sqlite pools
/// them), a write on the one writer connection this store keeps open (see <see cref="WriteAsync{T}"/>), each set to the <see cref="Synchronous"/> setting (<c>FULL</c> or <c>NORMAL</c>) and the busy timeout the first time
/// this store takes it from the pool (a pooled connection keeps them; see <see cref="Configured"/>); writes in <c>BEGIN IMMEDIATE</c> transactions, so
/// they take the write lock before they read and never fail on a stale snapshot. Every SQLite fault becomes an
/// <see cref="IOException"/> naming the file and what failed, and a row that does not read back an
/// <see cref="InvalidDataException"/>. Thread-safe.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    /// <summary>
    /// The pragmas last applied to each open SQLite connection (the native handle a pooled connection keeps), shared by
    /// every store: two stores on one file with the same connection string share Microsoft.Data.Sqlite's pool, so a
    /// connection one of them set up may reach the other, which applies its own pragmas when they differ. An entry goes
    /// with its handle when the pool closes it.
    /// </summary>
    private static readonly ConditionalWeakTable<sqlite3, string> Configured = [];

    /// <summary>The commands each writer connection keeps, by SQL text (see <see cref="KeptCommand"/>).</summary>
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, KeptCommand>> Kept = [];

    /// <summary>How many SQL texts a writer connection keeps compiled; the store has about twenty, and a text past the limit is compiled per use.</summary>
    private const int KeptLimit = 64;

    /// <summary>How many reader connections the store keeps open between reads; more reads at once open more, closed after use.</summary>
    private const int KeptReaders = 4;

    private readonly Stack<SqliteConnection> _readers = new(KeptReaders); // Under _readersLock.
    private readonly Lock _readersLock = new();
    private int _closings; // Under _readersLock: how many times Dispose has closed the kept readers.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteConnection? _writer;
    private Checkpointer? _checkpointer;
    private readonly CheckpointPolicy _checkpoints;
    private readonly ILogger _logger;

    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteDatabase(string fullPath, TimeSpan busyTimeout, SqliteSynchronous synchronous, CheckpointPolicy checkpoints, ILogger logger)
    {
        _checkpoints = checkpoints;
        _logger = logger;
        Path = fullPath;
        BusyTimeout = busyTimeout;
        Synchronous = synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = {Synchronous}; PRAGMA wal_autocheckpoint = 0;");
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>How long an operation waits for another connection's lock.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <summary>SQLite's name of the <c>synchronous</c> setting every connection has: <c>FULL</c> or <c>NORMAL</c>.</summary>
    public string Synchronous { get; }

    /// <summary>Runs <paramref name="body"/> on an open connection; <paramref name="operation"/> names it in errors ("claim a follow-up").</summary>
    public Task<T> RunAsync<T>(string operation, Func<SqliteConnection, Task<T>> body, CancellationToken cancellationToken) =>
        GuardAsync(operation, async () =>
        {
            var connection = new SqliteConnection(_connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await ConfigureAsync(connection, cancellationToken).ConfigureAwait(false);
                return await body(connection).ConfigureAwait(false);
            }
        }, onFault: null);

    /// <summary>
    /// Runs the read <paramref name="body"/> on a reader connection this store keeps open, so each SQL text it runs is
    /// compiled once per connection (<see cref="KeptCommand"/>), as the writes' are: one taken from those idle, or opened
    /// when none is. Reads run side by side, each on its own connection and beside the writer (WAL: a read sees the last
    /// commit and waits for no write); up to <see cref="KeptReaders"/> are kept after use, the rest closed. Every
    /// statement ends its read transaction when its reader is disposed, so a kept connection holds no snapshot (which
    /// would keep a checkpoint from finishing). A read that fails (or is cancelled) closes its connection, as does one that
    /// ends after <see cref="Dispose"/>.
    /// </summary>
    public Task<T> ReadAsync<T>(string operation, Func<SqliteConnection, Task<T>> body, CancellationToken cancellationToken) =>
        GuardAsync(operation, async () =>
        {
            SqliteConnection? connection;
            int closings;
            lock (_readersLock)
            {
                closings = _closings;
                _readers.TryPop(out connection);
            }

            connection ??= await OpenKeptAsync(cancellationToken).ConfigureAwait(false);

            var keep = false;
            try
            {
                var result = await body(connection).ConfigureAwait(false);
                keep = true;
                return result;
            }
            finally
            {
                if (!keep || !TryKeep(connection, closings))
                {
                    Close(connection);
                }
            }
        }, onFault: null);

    /// <summary>
    /// Keeps a reader connection for the next read unless <see cref="KeptReaders"/> are kept already or
    /// <see cref="Dispose"/> has run since the read took it (<paramref name="closings"/>): a read that ends after
    /// Dispose closes its connection, so none stays open after the store is disposed.
    /// </summary>
    private bool TryKeep(SqliteConnection connection, int closings)
    {
        lock (_readersLock)
        {
            if (closings != _closings || _readers.Count >= KeptReaders)
            {
                return false;
            }

            _readers.Push(connection);
            return true;
        }
    }

    /// <summary>Runs <paramref name="work"/>, turning SQLite's faults into <see cref="IOException"/>s and unreadable rows into <see cref="InvalidDataException"/>s; <paramref name="onFault"/> runs on a SQLite fault first.</summary>
    private async Task<T> GuardAsync<T>(string operation, Func<Task<T>> work, Action? onFault)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException exception)
        {
            onFault?.Invoke();
            throw Fault(operation, exception);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Could not {operation}: a row in the SQLite file '{Path}' is corrupt ({exception.Message}). Nothing was changed.", exception);
        }
        catch (InvalidCastException exception)
        {
            throw new InvalidDataException($"Could not {operation}: a row in the SQLite file '{Path}' is corrupt ({exception.Message}). Nothing was changed.", exception);
        }
    }

    /// <summary>The writer connection, opened and configured when there is none. Only under the writer's gate.</summary>
    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is { } open)
        {
            return open;
        }

        var connection = await OpenKeptAsync(cancellationToken).ConfigureAwait(false);
        _writer = connection;
        _checkpointer ??= new Checkpointer(CheckpointAsync, _checkpoints, _logger, Path);
        return connection;
    }

    /// <summary>A new connection, open and configured, with a table for the commands compiled on it (a reader or the writer).</summary>
    private async Task<SqliteConnection> OpenKeptAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ConfigureAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Kept.Add(connection, new Dictionary<string, KeptCommand>(StringComparer.Ordinal));
        return connection;
    }

    /// <summary>Closes the writer connection, if open, after finalizing the statements it kept. Only under the writer's gate.</summary>
    private void CloseWriter()
    {
        if (_writer is not { } connection)
        {
            return;
        }

        _writer = null;
        Close(connection);
    }

    /// <summary>Closes <paramref name="connection"/> after finalizing the statements it kept.</summary>
    private static void Close(SqliteConnection connection)
    {
        if (Kept.TryGetValue(connection, out var commands))
        {
            foreach (var command in commands.Values)
            {
                command.Release();
            }

            Kept.Remove(connection);
        }

        connection.Dispose();
    }

    /// <summary>
    /// Closes the writer connection after the write in progress, if any. Idempotent (a container may dispose the store
    /// once per registration that returns it); a write after it opens the connection again. The gate is not disposed,
    /// so a late write of a stopping host is not turned into an <see cref="ObjectDisposedException"/>: it needs no
    /// disposing, as its wait handle is never created.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213", Justification = "The gate's wait handle is never created; see the summary.")]
    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            // Stopping the checkpointer under the gate: one waiting for the gate is cancelled, one holding it is not (this waited for it).
            _checkpointer?.Dispose();
            _checkpointer = null;
            CloseWriter();
            SqliteConnection[] idle;
            lock (_readersLock)
            {
                _closings++;
                idle = [.. _readers];
                _readers.Clear();
            }

            foreach (var reader in idle)
            {
                Close(reader);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a <c>BEGIN IMMEDIATE</c> transaction, committed when it returns and rolled back when
    /// it throws, on this store's writer connection: one connection kept open for every write, one write at a time (a
    /// write waits up to <see cref="BusyTimeout"/> for the one before it, as it would for SQLite's write lock, which
    /// allows one writer anyway), so each SQL text it runs is compiled once (<see cref="KeptCommand"/>) rather than at
    /// every execution. A SQLite fault closes the writer; the next write opens another.
    /// </summary>
    public async Task<T> WriteAsync<T>(string operation, Func<SqliteConnection, SqliteTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        if (!await _writeGate.WaitAsync(BusyTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"Could not {operation} in the SQLite file '{Path}': {Locked}. Another write of this store held it."));
        }

        try
        {
            return await GuardAsync(operation, async () =>
            {
                var connection = await WriterAsync(cancellationToken).ConfigureAwait(false);
                T result;
                var transaction = connection.BeginTransaction(deferred: false);
                await using (transaction.ConfigureAwait(false))
                {
                    result = await body(connection, transaction).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                await CommittedAsync(connection).ConfigureAwait(false);
                return result;
            }, onFault: CloseWriter).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Counts a commit for the checkpointer; when it has fallen <see cref="CheckpointPolicy.InlineAfterCommits"/> behind,
    /// checkpoints on the writer itself (a <c>PASSIVE</c> checkpoint, which with this store's writes held back copies
    /// every frame), a failure logged and never thrown into the write that committed. Only under the writer's gate.
    /// </summary>
    private async Task CommittedAsync(SqliteConnection writer)
    {
        var checkpointer = _checkpointer!;
        checkpointer.Committed();
        if (checkpointer.FallenBehind)
        {
            try
            {
                checkpointer.Checkpointed();
                await PassiveCheckpointAsync(writer, CancellationToken.None).ConfigureAwait(false);
            }
            catch (SqliteException exception)
            {
                checkpointer.Failed(Fault("checkpoint the WAL", exception));
            }
        }
    }

    /// <summary>
    /// A <c>PASSIVE</c> checkpoint on a pooled connection, beside the writes, or with <paramref name="holdWrites"/> under
    /// the writer's gate, so this store writes nothing meanwhile; returns the frames in the WAL. For the <see cref="Checkpointer"/>.
    /// </summary>
    private async Task<int> CheckpointAsync(bool holdWrites, CancellationToken cancellationToken)
    {
        if (!holdWrites)
        {
            return await RunAsync("checkpoint the WAL", connection => PassiveCheckpointAsync(connection, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync("checkpoint the WAL", connection => PassiveCheckpointAsync(connection, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <c>PRAGMA wal_checkpoint(PASSIVE)</c> on <paramref name="connection"/> and returns the frames in the WAL (its <c>log</c> column).</summary>
    private static async Task<int> PassiveCheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var command = Command(connection, null, "PRAGMA wal_checkpoint(PASSIVE);");
        await using (command.ConfigureAwait(false))
        {
            var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (row.ConfigureAwait(false))
            {
                return await row.ReadAsync(cancellationToken).ConfigureAwait(false) ? row.GetInt32(1) : 0;
            }
        }
    }

    /// <summary>
    /// A command on <paramref name="connection"/> in <paramref name="transaction"/>, with <paramref name="parameters"/>
    /// (name, value; null as NULL). On a writer connection it is the one kept for <paramref name="sql"/>, with its
    /// parameters replaced (disposing it keeps it); on any other, a new one.
    /// </summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        SqliteCommand command;
        if (Kept.TryGetValue(connection, out var kept) && (kept.TryGetValue(sql, out var found) || kept.Count < KeptLimit))
        {
            if (found is null)
            {
                found = new KeptCommand(sql, connection);
                kept.Add(sql, found);
            }

            command = found;
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }

        command.Transaction = transaction;
        Bind(command.Parameters, parameters);
        return command;
    }

    /// <summary>
    /// Gives <paramref name="target"/> the <paramref name="parameters"/>: a kept command called again with the same names
    /// in the same order (every caller passes its SQL text's parameters in one order) keeps its parameter objects and only
    /// takes the new values; otherwise its parameters are replaced.
    /// </summary>
    internal static void Bind(SqliteParameterCollection target, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var same = target.Count == parameters.Length;
        for (var i = 0; same && i < parameters.Length; i++)
        {
            same = string.Equals(target[i].ParameterName, parameters[i].Name, StringComparison.Ordinal);
        }

        if (same)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                target[i].Value = parameters[i].Value ?? DBNull.Value;
            }

            return;
        }

        target.Clear();
        foreach (var (name, value) in parameters)
        {
            target.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    /// <summary>Executes <paramref name="sql"/> and returns the number of rows it changed.</summary>
    public static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies this store's pragmas to <paramref name="connection"/> unless its handle already has them (one statement less per operation).</summary>
    private async Task ConfigureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var handle = connection.Handle!;
        if (Configured.TryGetValue(handle, out var applied) && string.Equals(applied, _pragmas, StringComparison.Ordinal))
        {
            return;
        }

        await ExecuteAsync(connection, null, _pragmas, cancellationToken).ConfigureAwait(false);
        Configured.AddOrUpdate(handle, _pragmas);
    }

    private string Locked => string.Create(CultureInfo.InvariantCulture, $"the file is locked by another connection (waited {BusyTimeout.TotalSeconds:0.###} s, the busy timeout)");

    private IOException Fault(string operation, SqliteException exception)
    {
        var what = exception.SqliteErrorCode switch
        {
            5 or 6 => Locked,
            13 => "the disk is full",
            11 or 26 => "the file is corrupt or not a SQLite database",
            14 => "the file cannot be opened (check the folder exists and the process may write to it)",
            8 or 23 => "the process may not write to the file",
            10 => "a disk I/O error occurred",
            _ => $"SQLite error {exception.SqliteErrorCode}",
        };
        return new IOException(string.Create(CultureInfo.InvariantCulture, $"Could not {operation} in the SQLite file '{Path}': {what}. {exception.Message}"), exception);
    }
}
