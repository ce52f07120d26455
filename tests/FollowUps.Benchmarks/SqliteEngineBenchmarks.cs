using BenchmarkDotNet.Attributes;
using FollowUps.Benchmarks.Support;
using FollowUps.Delivery;
using FollowUps.Sqlite;
using Microsoft.Data.Sqlite;

namespace FollowUps.Benchmarks;

/// <summary>
/// One answered call with an SMS and an email through the engine on the SQLite outbox (a real file, WAL,
/// <c>synchronous=FULL</c>), beside a raw baseline that runs the same statements and commits per call on the same file
/// with the same settings, straight through Microsoft.Data.Sqlite: the do-not-contact lookup, then for each follow-up
/// its claim (one transaction: the row, its history entry and its three targets), its move to sending and its move to
/// sent (each one transaction: the history entry and the move). That is six commits per call; each commit waits for the
/// disk (fsync), which is what both rows mostly measure.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the connection in [GlobalCleanup].")]
// Not sealed: BenchmarkDotNet refuses to run a benchmark declared in a sealed class.
public class SqliteEngineBenchmarks : IDisposable
{
    private static readonly string Message = new('m', 420);
    private string _folder = "";
    private SqliteFollowUpStore _store = null!;
    private FollowUpEngine _engine = null!;
    private SqliteConnection _raw = null!;
    private int _contact;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("followups-bench-").FullName;
        var file = Path.Combine(_folder, "followups.db");
        _store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = file });
        _engine = AnsweredCall.Engine(_store);
        var first = _engine.HandleCallCompletedAsync(AnsweredCall.Call, AnsweredCall.SmsAndEmail).GetAwaiter().GetResult();
        if (!first.Sms.IsSent || !first.Email.IsSent)
        {
            throw new InvalidOperationException($"The benchmark call does not send: {first}");
        }

        _raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString());
        _raw.Open();
        Execute("PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;");
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

    /// <summary>Closes the raw connection and the store's writing connection, so the folder can go.</summary>
    public void Dispose()
    {
        _raw?.Dispose();
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int RawStatements()
    {
        var contact = $"raw-{++_contact}";
        var found = 0;
        foreach (var (kind, value) in new[] { (0, contact), (1, "+14155552671"), (2, "maria@example.com") })
        {
            found += Execute("SELECT count(*) FROM suppressions WHERE account_id = 'acme' AND target_kind = $k AND value = $v;", ("$k", kind), ("$v", value));
        }

        for (var kind = 0; kind < 2; kind++)
        {
            using (var claim = _raw.BeginTransaction(deferred: false))
            {
                Execute(
                    "INSERT INTO follow_ups (account_id, campaign_id, contact_id, kind, call_id, targets, message, state, attempts, lease_owner, lease_expires_at, due_at, wait_reason, claimed_at, deadline) " +
                    "VALUES ('acme', 'recall', $c, $kind, 'call-1', '[]', $m, 0, 0, 'owner', 1, 1, 0, 1, 2) ON CONFLICT DO NOTHING;",
                    ("$c", contact), ("$kind", kind), ("$m", Message));
                History(contact, kind, state: 0);
                foreach (var (targetKind, value) in new[] { (0, contact), (1, "+14155552671"), (2, "maria@example.com") })
                {
                    Execute("INSERT OR IGNORE INTO follow_up_targets VALUES ('acme', $tk, $v, 'recall', $c, $kind);", ("$tk", targetKind), ("$v", value), ("$c", contact), ("$kind", kind));
                }

                claim.Commit();
            }

            using (var sending = _raw.BeginTransaction(deferred: false))
            {
                History(contact, kind, state: 4);
                Execute("UPDATE follow_ups SET state = 4, attempts = 1 WHERE account_id = 'acme' AND campaign_id = 'recall' AND contact_id = $c AND kind = $kind AND state = 0 AND lease_owner IS 'owner';", ("$c", contact), ("$kind", kind));
                sending.Commit();
            }

            using (var sent = _raw.BeginTransaction(deferred: false))
            {
                History(contact, kind, state: 1);
                Execute("UPDATE follow_ups SET state = 1, lease_owner = NULL, outcome = $m WHERE account_id = 'acme' AND campaign_id = 'recall' AND contact_id = $c AND kind = $kind AND state = 4 AND lease_owner IS 'owner';", ("$c", contact), ("$kind", kind), ("$m", Message));
                sent.Commit();
            }
        }

        return found;
    }

    [Benchmark]
    public Task<FollowUpReport> HandleCall() =>
        _engine.HandleCallCompletedAsync(AnsweredCall.For($"engine-{++_contact}", $"call-{_contact}"), AnsweredCall.SmsAndEmail);

    /// <summary>A history entry, numbered after the follow-up's last, as the store appends one.</summary>
    private void History(string contact, int kind, int state) => Execute(
        "INSERT INTO follow_up_history (account_id, campaign_id, contact_id, kind, seq, at, state, attempt, outcome, delivery) " +
        "VALUES ('acme', 'recall', $c, $kind, (SELECT coalesce(max(seq), 0) + 1 FROM follow_up_history WHERE account_id = 'acme' AND campaign_id = 'recall' AND contact_id = $c AND kind = $kind), 1, $state, 1, $m, NULL);",
        ("$c", contact), ("$kind", kind), ("$state", state), ("$m", state == 1 ? Message : ""));

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _raw.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt32(command.ExecuteScalar() ?? 0, System.Globalization.CultureInfo.InvariantCulture);
    }
}
