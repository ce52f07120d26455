using FollowUps.Sqlite.DependencyInjection;
using FollowUps.Sqlite.Internal;
using FollowUps.Sqlite.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FollowUps.Sqlite;

/// <summary>
/// The outbox and the do-not-contact list in one SQLite file: durable across restarts and crashes, and shared safely by
/// any number of engines and processes on one machine (WAL journaling, <c>synchronous=FULL</c> unless
/// <see cref="SqliteStoreOptions.Synchronous"/> says <c>NORMAL</c>, a busy timeout, every
/// write one <c>BEGIN IMMEDIATE</c> transaction). For several machines use a server database: SQLite's locks do not
/// hold over network file systems.
/// </summary>
/// <remarks>
/// <para>The file is opened on first use (or at host start-up when registered with <c>UseSqliteStore</c>): created with
/// its schema when new, upgraded when older, refused with an <see cref="InvalidOperationException"/> when a newer,
/// incompatible FollowUps.Sqlite made it. Its full path is logged then.</para>
/// <para>Every fault of the file (locked past <see cref="SqliteStoreOptions.BusyTimeout"/>, unreachable, disk full)
/// throws an <see cref="IOException"/> and a row that does not read back an <see cref="InvalidDataException"/>; the
/// engine reports either as the store being unavailable. A failed write changes nothing. Thread-safe.</para>
/// <para>Writes run one at a time on one connection the store keeps open (SQLite allows one writer at a time anyway), so
/// each statement is compiled once; reads run on pooled connections, side by side. <see cref="Dispose"/> closes that
/// connection (the host's container does, when the store was registered with <c>UseSqliteStore</c>).</para>
/// </remarks>
public sealed partial class SqliteFollowUpStore : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _opening = new();
    private Task? _opened;

    /// <summary>Creates a store on the file <paramref name="options"/> names; the file is opened on first use.</summary>
    /// <param name="options">The file, the busy timeout and the durability of a commit; read once.</param>
    /// <param name="logger">Receives the file's full path and schema changes; optional.</param>
    /// <param name="timeProvider">The clock that stamps the history of a move; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are not valid.</exception>
    public SqliteFollowUpStore(SqliteStoreOptions options, ILogger<SqliteFollowUpStore>? logger = null, TimeProvider? timeProvider = null)
        : this(options, CheckpointPolicy.Default, logger, timeProvider)
    {
    }

    /// <summary>A store whose checkpoints follow <paramref name="checkpoints"/>; for the tests of the WAL's bound.</summary>
    internal SqliteFollowUpStore(SqliteStoreOptions options, CheckpointPolicy checkpoints, ILogger<SqliteFollowUpStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = SqliteStoreOptionsRules.Problems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _logger = logger ?? (ILogger)NullLogger.Instance;
        _database = new SqliteDatabase(System.IO.Path.GetFullPath(options.Path), options.BusyTimeout, options.Synchronous, checkpoints, _logger);
        Synchronous = options.Synchronous;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The database file's full path.</summary>
    public string Path => _database.Path;

    /// <summary>What each commit waits for (<see cref="SqliteStoreOptions.Synchronous"/>), as every connection of this store has it.</summary>
    public SqliteSynchronous Synchronous { get; }

    /// <summary>The file as every operation reaches it; for the tests that read a connection's settings.</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>Closes the connection the store writes on, after the write in progress. Idempotent; a later write opens it again.</summary>
    public void Dispose() => _database.Dispose();

    /// <summary>
    /// Opens the file once: creates its folder, switches it to WAL, and creates, upgrades, accepts or refuses its schema.
    /// A failed opening is tried again by the next call.
    /// </summary>
    internal Task OpenAsync()
    {
        lock (_opening)
        {
            if (_opened is null || _opened.IsFaulted || _opened.IsCanceled)
            {
                _opened = OpenFileAsync();
            }

            return _opened;
        }
    }

    private async Task OpenFileAsync()
    {
        if (System.IO.Path.GetDirectoryName(_database.Path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var version = await Schema.EnsureAsync(_database, _logger, CancellationToken.None).ConfigureAwait(false);
        Log.Opened(_logger, _database.Path, version, _database.Synchronous);
    }
}
