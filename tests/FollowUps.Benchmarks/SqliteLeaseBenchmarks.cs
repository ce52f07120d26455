using System.Globalization;
using BenchmarkDotNet.Attributes;
using FollowUps.Benchmarks.Support;
using FollowUps.Sqlite;
using Microsoft.Data.Sqlite;

namespace FollowUps.Benchmarks;

/// <summary>
/// <see cref="LeaseBenchmarks"/> on <see cref="SqliteFollowUpStore"/>: a real file in a temporary folder (WAL,
/// <c>synchronous=FULL</c>, as the store opens it), seeded in one transaction on a connection of its own. The file is not
/// analysed after seeding: the store never runs <c>ANALYZE</c>, so a host's file has no statistics either.
/// </summary>
// Not sealed: BenchmarkDotNet refuses to run a benchmark declared in a sealed class.
public class SqliteLeaseBenchmarks : LeaseBenchmarks, IDisposable
{
    private string _folder = "";
    private SqliteFollowUpStore _store = null!;

    /// <inheritdoc />
    protected override IFollowUpStore Store => _store;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("followups-lease-bench-").FullName;
        var file = Path.Combine(_folder, "followups.db");
        _store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = file });

        // The template: what the engine stores for one answered call (an SMS and an email), also creating the schema.
        var template = await AnsweredCall.Engine(_store).HandleCallCompletedAsync(AnsweredCall.For("template", "call-template") with { AccountId = LeaseBacklog.TemplateAccount }, AnsweredCall.SmsAndEmail);
        if (!template.Sms.IsSent || !template.Email.IsSent)
        {
            throw new InvalidOperationException($"The template call does not send: {template}");
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var now = TimeProvider.System.GetUtcNow().UtcTicks;
            foreach (var part in Seed())
            {
                Execute(connection, transaction, part, now);
            }

            transaction.Commit();
            var due = Execute(connection, null, "SELECT count(*) FROM follow_ups WHERE state = 5;", now);
            if (due != LeaseBacklog.DueRows)
            {
                throw new InvalidOperationException($"Seeded {due} due rows, not {LeaseBacklog.DueRows}.");
            }
        }

        await CheckSharesAsync();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Closes the store's writing connection, so the folder can go.</summary>
    public void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The backlog of <see cref="LeaseBacklog"/>, in three set-based inserts from the template's rows; times in UTC ticks from <c>$now</c>.</summary>
    private static string[] Seed()
    {
        const string Columns = """
            account_id, campaign_id, contact_id, kind, call_id, targets, message, state, attempts, lease_owner, lease_expires_at, due_at, wait_reason,
            claimed_at, deadline, completed_at, outcome, provider_message_id, delivery, attempt_started_at, cancel_request
            """;
        var template = $"(SELECT targets, message, outcome FROM follow_ups WHERE account_id = '{LeaseBacklog.TemplateAccount}' AND kind = 1) t";
        var start = $"($now - {LeaseBacklog.Span.Ticks})";
        var ms = TimeSpan.TicksPerMillisecond;
        var minute = TimeSpan.TicksPerMinute;
        var day = TimeSpan.TicksPerDay;

        // Waiting for a retry (state 5, reason 1), nobody's lease, due at d.due.
        var waiting = $"""
            INSERT INTO follow_ups ({Columns})
            SELECT d.account, 'recall', d.contact, d.kind, 'call-' || d.contact, t.targets, t.message, 5, 1, NULL, NULL, d.due, 1,
                d.due - {minute}, $now + {day}, NULL, NULL, NULL, NULL, d.due - {minute}, NULL
            FROM
            """;
        return
        [
            $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {LeaseBacklog.BusyRows - 1})
            {waiting} (SELECT '{LeaseBacklog.BusyAccount}' AS account, 'busy-' || i AS contact, {(int)LeaseBacklog.BusyKind} AS kind, {start} + i * {LeaseBacklog.BusyEveryMilliseconds * ms} AS due FROM n) d, {template};
            """,
            $"""
            WITH RECURSIVE a(a) AS (SELECT 1 UNION ALL SELECT a + 1 FROM a WHERE a < {LeaseBacklog.OtherAccounts}),
                r(r) AS (SELECT 0 UNION ALL SELECT r + 1 FROM r WHERE r < {LeaseBacklog.RowsPerOtherAccount - 1})
            {waiting} (SELECT printf('acct-%04d', a) AS account, 'contact-' || r AS contact, (a + r) % 3 AS kind, {start} + ((a - 1) * {LeaseBacklog.RowsPerOtherAccount} + r) * {LeaseBacklog.OtherEveryMilliseconds * ms} AS due FROM a, r) d, {template};
            """,
            $"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {LeaseBacklog.FinishedRows - 1})
            INSERT INTO follow_ups ({Columns})
            SELECT CASE WHEN i % 2 = 0 THEN '{LeaseBacklog.BusyAccount}' ELSE printf('acct-%04d', i / 2 % {LeaseBacklog.OtherAccounts} + 1) END, 'recall', 'done-' || i, i % 3,
                'call-done-' || i, t.targets, t.message, 1, 1, NULL, NULL, NULL, 0, $now - {day}, $now, $now - {day}, t.outcome, 'SM' || i, NULL, $now - {day}, NULL
            FROM n, {template};
            """,
        ];
    }

    private static long Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$now", now);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }
}
