using System.Globalization;
using BenchmarkDotNet.Attributes;
using FollowUps.Benchmarks.Support;
using FollowUps.Delivery;
using FollowUps.PostgreSql;
using FollowUps.PostgreSql.Storage;
using Npgsql;

namespace FollowUps.Benchmarks;

/// <summary>
/// Calls per second on the PostgreSQL outbox with <see cref="Callers"/> concurrent callers: one answered call with an
/// SMS and an email through the engine on <see cref="PostgreSqlFollowUpStore"/> (the database's clock, the default;
/// recording senders; a new contact each call), beside a raw baseline (<see cref="RawPostgresCalls"/>) that sends the
/// same statements with the same parameters in the same five round trips per call straight through Npgsql, on the same
/// server and a data source of its own built alike. One operation is <see cref="CallsPerOperation"/> calls spread over
/// the callers, so the mean reads as time per call (calls/s = 1 s / mean). The server is a throwaway PostgreSQL started
/// as the PostgreSQL tests start theirs (fsync on), or the one <c>FOLLOWUPS_POSTGRES</c> names (a schema of its own,
/// dropped after). Round trips per call are counted before the timed runs, from Npgsql's own activities
/// (<see cref="NpgsqlRoundTrips"/>), and printed in the log: "// Round trips per call: …". Four of the five round trips
/// are commits that wait for the disk; <see cref="SynchronousCommit"/> off shows the library's share without those waits.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the server, the store and the data sources in [GlobalCleanup].")]
public class PostgreSqlEngineBenchmarks
{
    /// <summary>Callers at once, as the issue asks.</summary>
    public const int Callers = 16;

    /// <summary>Calls per benchmark operation: ten per caller.</summary>
    public const int CallsPerOperation = Callers * 10;

    private const int CountedCalls = 32;

    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private BenchmarkPostgres? _postgres;
    private string _schema = "";
    private NpgsqlDataSource _engineSource = null!;
    private NpgsqlDataSource _rawSource = null!;
    private PostgreSqlFollowUpStore _store = null!;
    private FollowUpEngine _engine = null!;
    private RawPostgresCalls _raw = null!;
    private int _contact;

    /// <summary>
    /// On (PostgreSQL's default, what a host runs), each commit waits for the disk; off (<c>synchronous_commit=off</c> on
    /// both rows' connections), it does not, so the rows compare what is left: round trips and CPU.
    /// </summary>
    [Params(true, false)]
    public bool SynchronousCommit { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _postgres = await BenchmarkPostgres.StartAsync();

        var connectionString = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString)
        {
            Options = SynchronousCommit ? null : "-c synchronous_commit=off",
        }.ConnectionString;
        _schema = $"bench_{_run}";
        _engineSource = NpgsqlDataSource.Create(connectionString);
        _rawSource = NpgsqlDataSource.Create(connectionString);
        _store = new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { DataSource = _engineSource, Schema = _schema });
        _engine = AnsweredCall.Engine(_store);

        // The first call creates the schema and shows what the store writes for a call: the raw baseline writes the same.
        await HandleOneAsync(0);
        _raw = new RawPostgresCalls(_rawSource, new Statements(_schema, databaseClock: true), await StoredAsync(FollowUpKind.Sms), await StoredAsync(FollowUpKind.Email));
        if (await _raw.CallAsync($"raw-{_run}-0") != 2)
        {
            throw new InvalidOperationException("The raw baseline did not claim and settle both follow-ups.");
        }

        await CountRoundTripsAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_postgres is { Throwaway: false } && _rawSource is not null)
        {
            var drop = _rawSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
            await using (drop)
            {
                await drop.ExecuteNonQueryAsync();
            }
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_engineSource is not null)
        {
            await _engineSource.DisposeAsync();
        }

        if (_rawSource is not null)
        {
            await _rawSource.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerOperation)]
    public Task RawStatements() => SpreadAsync(contact => _raw.CallAsync($"raw-{_run}-{contact}"));

    [Benchmark(OperationsPerInvoke = CallsPerOperation)]
    public Task HandleCall() => SpreadAsync(HandleOneAsync);

    /// <summary><see cref="CallsPerOperation"/> calls, each to a new contact, made by <see cref="Callers"/> callers at once.</summary>
    private Task SpreadAsync(Func<int, Task> call) =>
        Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < CallsPerOperation / Callers; i++)
            {
                await call(Interlocked.Increment(ref _contact));
            }
        })));

    private async Task HandleOneAsync(int contact)
    {
        var id = $"engine-{_run}-{contact.ToString(CultureInfo.InvariantCulture)}";
        var report = await _engine.HandleCallCompletedAsync(AnsweredCall.For(id, $"call-{id}"), AnsweredCall.SmsAndEmail);
        if (!report.Sms.IsSent || !report.Email.IsSent)
        {
            throw new InvalidOperationException($"The benchmark call does not send: {report}");
        }
    }

    /// <summary>The stored message and outcome of the first engine call's follow-up of <paramref name="kind"/>.</summary>
    private async Task<RawPostgresCalls.Stored> StoredAsync(FollowUpKind kind)
    {
        var read = _rawSource.CreateCommand($"SELECT message::text, outcome::text, provider_message_id FROM \"{_schema}\".follow_ups WHERE contact_id = $1 AND kind = $2");
        await using (read)
        {
            read.Parameters.Add(new() { Value = $"engine-{_run}-0" });
            read.Parameters.Add(new() { Value = (short)kind });
            var row = await read.ExecuteReaderAsync();
            await using (row)
            {
                return await row.ReadAsync()
                    ? new RawPostgresCalls.Stored(kind, row.GetString(0), row.GetString(1), row.GetString(2))
                    : throw new InvalidOperationException($"The engine's first call stored no {kind}.");
            }
        }
    }

    /// <summary>
    /// Counts the round trips of <see cref="CountedCalls"/> calls each way, one at a time after as many to warm up, and
    /// prints them per call with the <c>synchronous_commit</c> in force.
    /// </summary>
    private async Task CountRoundTripsAsync()
    {
        var engine = await RoundTripsPerCallAsync(HandleOneAsync);
        var raw = await RoundTripsPerCallAsync(contact => _raw.CallAsync($"raw-{_run}-{contact}"));
        var show = _rawSource.CreateCommand("SHOW synchronous_commit");
        await using (show)
        {
            var setting = await show.ExecuteScalarAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Round trips per call: HandleCall {engine:0.00}, RawStatements {raw:0.00} (Npgsql command and batch executions, {CountedCalls} calls each); synchronous_commit={setting}"));
        }
    }

    /// <summary>Round trips per call of <paramref name="call"/>, over <see cref="CountedCalls"/> calls after as many to warm up.</summary>
    private static async Task<double> RoundTripsPerCallAsync(Func<int, Task> call)
    {
        for (var i = 1; i <= CountedCalls; i++)
        {
            await call(-i);
        }

        using var counter = new NpgsqlRoundTrips();
        for (var i = CountedCalls + 1; i <= 2 * CountedCalls; i++)
        {
            await call(-i);
        }

        return (double)counter.Count / CountedCalls;
    }
}
