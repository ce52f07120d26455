using FollowUps.PostgreSql.DependencyInjection;
using FollowUps.PostgreSql.Internal;
using FollowUps.PostgreSql.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FollowUps.PostgreSql;

/// <summary>
/// The outbox and the do-not-contact list in PostgreSQL, shared by any number of hosts: a claim is one
/// <c>INSERT … ON CONFLICT DO NOTHING</c> on the follow-up's key, a move one compare-and-set <c>UPDATE</c>, and
/// dispatchers on every host share the due work, each taking rows the others have not locked
/// (<c>FOR UPDATE SKIP LOCKED</c>) in one short transaction. No connection is held while a message is sent.
/// </summary>
/// <remarks>
/// <para>The schema is created or upgraded on first use (or at host start-up when registered with
/// <c>UsePostgreSqlStore</c>), unless the host runs its own migrations (<see cref="PostgreSqlStoreOptions.ManageSchema"/>);
/// a schema this code cannot use throws an <see cref="InvalidOperationException"/> then.</para>
/// <para>A transient fault (a dropped connection, a restart, a failover, a deadlock) is tried again a few times
/// (<see cref="PostgreSqlStoreOptions.TransientRetries"/>), a timeout is not; every operation is safe to try again after a commit whose
/// answer was lost (a claim knows its own claim id, a move finds its own result, a cancel what it cancelled, a delivery report its own history entry). Any other fault, or the last, throws
/// an <see cref="NpgsqlException"/>, which the engine reports as the store being unavailable for that call; a row that
/// does not read back throws an <see cref="InvalidDataException"/>. Thread-safe.</para>
/// </remarks>
public sealed partial class PostgreSqlFollowUpStore : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly Statements _sql;
    private readonly NpgsqlDataSource? _ownedSource;
    private readonly string _schema;
    private readonly bool _manageSchema;
    private readonly bool _databaseClock;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _opening = new();
    private Task? _opened;

    /// <summary>Creates a store on the database <paramref name="options"/> name; the schema is checked on first use.</summary>
    /// <param name="options">The database (a connection string, or the host's data source), the schema and the rest; read once.</param>
    /// <param name="logger">Receives the server, the schema's version and retried faults; optional.</param>
    /// <param name="timeProvider">The host's clock: the history's stamps, and the times a move writes; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are not valid.</exception>
    public PostgreSqlFollowUpStore(PostgreSqlStoreOptions options, ILogger<PostgreSqlFollowUpStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = PostgreSqlStoreOptionsRules.Problems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _ownedSource = options.DataSource is null ? NpgsqlDataSource.Create(options.ConnectionString!) : null;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _schema = options.Schema;
        _manageSchema = options.ManageSchema;
        _databaseClock = options.UseDatabaseClock;
        _database = new PostgresDatabase(options.DataSource ?? _ownedSource!, options.TransientRetries, _logger);
        _sql = new Statements(options.Schema, options.UseDatabaseClock);
    }

    /// <summary>The schema that holds the store's tables.</summary>
    public string Schema => _schema;

    /// <summary>Closes the store's own data source, when it made one from a connection string (never the host's).</summary>
    /// <returns>When it is closed.</returns>
    public ValueTask DisposeAsync() => _ownedSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Checks the schema once: creates, upgrades, accepts or refuses it. A failed check is tried again by the next call.</summary>
    internal Task OpenAsync()
    {
        lock (_opening)
        {
            if (_opened is null || _opened.IsFaulted || _opened.IsCanceled)
            {
                _opened = OpenSchemaAsync();
            }

            return _opened;
        }
    }

    private async Task OpenSchemaAsync()
    {
        var version = await Storage.Schema.EnsureAsync(_database, _schema, _manageSchema, _logger, CancellationToken.None).ConfigureAwait(false);
        Log.Opened(_logger, _database.Server, _schema, version, _databaseClock ? "leases on the database's clock" : "leases on the hosts' clocks");
    }

    /// <summary>A command on <paramref name="connection"/> (in <paramref name="transaction"/>) with its parameters (<see cref="AddParameters"/>).</summary>
    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        AddParameters(command.Parameters, sql, parameters);
        return command;
    }

    /// <summary>One statement of a batch with its parameters (<see cref="AddParameters"/>).</summary>
    private NpgsqlBatchCommand BatchCommand(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddParameters(command.Parameters, sql, parameters);
        return command;
    }

    /// <summary>
    /// Adds <paramref name="parameters"/>, and <c>@hostNow</c> from the host's clock when <paramref name="sql"/> uses it
    /// and the caller did not give it (a statement on the database's clock moves host times by it).
    /// </summary>
    private void AddParameters(NpgsqlParameterCollection collection, string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            collection.Add(parameter);
        }

        if (!collection.Contains("hostNow") && sql.Contains("@hostNow", StringComparison.Ordinal))
        {
            collection.Add(RecordRows.Time("hostNow", _time.GetUtcNow()));
        }
    }
}
