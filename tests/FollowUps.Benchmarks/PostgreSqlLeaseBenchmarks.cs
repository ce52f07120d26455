using BenchmarkDotNet.Attributes;
using FollowUps.Benchmarks.Support;
using FollowUps.PostgreSql;
using Npgsql;

namespace FollowUps.Benchmarks;

/// <summary>
/// <see cref="LeaseBenchmarks"/> on <see cref="PostgreSqlFollowUpStore"/> (the database's clock, the default; schema
/// version 2 with its per-sender index), on a throwaway PostgreSQL started as the PostgreSQL tests start theirs (fsync on),
/// or the one <c>FOLLOWUPS_POSTGRES</c> names (a schema of its own, dropped after). After seeding, the table is vacuumed
/// and analysed, as autovacuum would have done to a backlog this size.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the server, the store and the data source in [GlobalCleanup].")]
public class PostgreSqlLeaseBenchmarks : LeaseBenchmarks
{
    private readonly string _schema = $"lease_{Guid.NewGuid().ToString("N")[..8]}";
    private BenchmarkPostgres? _postgres;
    private NpgsqlDataSource _source = null!;
    private PostgreSqlFollowUpStore _store = null!;

    /// <inheritdoc />
    protected override IFollowUpStore Store => _store;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _postgres = await BenchmarkPostgres.StartAsync();

        _source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { CommandTimeout = 600 }.ConnectionString);
        _store = new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { DataSource = _source, Schema = _schema });

        // The template: what the engine stores for one answered call (an SMS and an email), also creating the schema.
        var template = await AnsweredCall.Engine(_store).HandleCallCompletedAsync(AnsweredCall.For("template", "call-template") with { AccountId = LeaseBacklog.TemplateAccount }, AnsweredCall.SmsAndEmail);
        if (!template.Sms.IsSent || !template.Email.IsSent)
        {
            throw new InvalidOperationException($"The template call does not send: {template}");
        }

        await ExecuteAsync(Seed(_schema));
        await ExecuteAsync($"VACUUM ANALYZE \"{_schema}\".follow_ups");
        var due = await ExecuteAsync($"SELECT count(*) FROM \"{_schema}\".follow_ups WHERE state = 5");
        if (due != LeaseBacklog.DueRows)
        {
            throw new InvalidOperationException($"Seeded {due} due rows, not {LeaseBacklog.DueRows}.");
        }

        await CheckSharesAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_postgres is { Throwaway: false } && _source is not null)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_source is not null)
        {
            await _source.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>The backlog of <see cref="LeaseBacklog"/>, in three set-based inserts from the template's rows.</summary>
    private static string Seed(string schema)
    {
        var s = $"\"{schema}\"";
        const string Columns = """
            account_id, campaign_id, contact_id, kind, claim_id, call_id, targets, message, state, attempts, attempt_started_at, lease_owner, lease_expires_at,
            due_at, wait_reason, claimed_at, deadline, completed_at, outcome, provider_message_id, delivery, cancel_request, history_seq
            """;
        var template = $"(SELECT targets, message, outcome FROM {s}.follow_ups WHERE account_id = '{LeaseBacklog.TemplateAccount}' AND kind = 1) t";
        var start = $"now() - interval '{(int)LeaseBacklog.Span.TotalSeconds} seconds'";

        // Waiting for a retry (state 5, reason 1), nobody's lease, due at d.due.
        var waiting = $"""
            INSERT INTO {s}.follow_ups ({Columns})
            SELECT d.account, 'recall', d.contact, d.kind, md5(d.account || d.contact || d.kind), 'call-' || d.contact, t.targets, t.message, 5, 1, d.due - interval '1 minute', NULL, NULL,
                d.due, 1, d.due - interval '1 minute', now() + interval '1 day', NULL, NULL, NULL, NULL, NULL, 2
            FROM
            """;
        return $"""
            {waiting} (SELECT '{LeaseBacklog.BusyAccount}' AS account, 'busy-' || i AS contact, {(int)LeaseBacklog.BusyKind}::smallint AS kind, {start} + i * interval '{LeaseBacklog.BusyEveryMilliseconds} milliseconds' AS due
                FROM generate_series(0, {LeaseBacklog.BusyRows - 1}) i) d, {template};
            {waiting} (SELECT 'acct-' || lpad(a::text, 4, '0') AS account, 'contact-' || r AS contact, ((a + r) % 3)::smallint AS kind, {start} + ((a - 1) * {LeaseBacklog.RowsPerOtherAccount} + r) * interval '{LeaseBacklog.OtherEveryMilliseconds} milliseconds' AS due
                FROM generate_series(1, {LeaseBacklog.OtherAccounts}) a, generate_series(0, {LeaseBacklog.RowsPerOtherAccount - 1}) r) d, {template};
            INSERT INTO {s}.follow_ups ({Columns})
            SELECT CASE WHEN i % 2 = 0 THEN '{LeaseBacklog.BusyAccount}' ELSE 'acct-' || lpad((i / 2 % {LeaseBacklog.OtherAccounts} + 1)::text, 4, '0') END, 'recall', 'done-' || i, (i % 3)::smallint,
                md5('done-' || i), 'call-done-' || i, t.targets, t.message, 1, 1, now() - interval '1 day', NULL, NULL,
                NULL, 0, now() - interval '1 day', now(), now() - interval '1 day', t.outcome, 'SM' || i, NULL, NULL, 3
            FROM generate_series(0, {LeaseBacklog.FinishedRows - 1}) i, {template};
            """;
    }

    private async Task<long> ExecuteAsync(string sql)
    {
        var command = _source.CreateCommand(sql);
        await using (command)
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
