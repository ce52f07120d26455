using System.Globalization;
using FollowUps.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FollowUps.Sqlite.Storage;

/// <summary>
/// The tables and their version. The version is SQLite's <c>PRAGMA user_version</c>; beside it, the one-row table
/// <c>followups_schema</c> holds the oldest code version that may still use the file (<c>minimum_reader_version</c>).
/// At start-up, in one <c>BEGIN IMMEDIATE</c> transaction (so processes starting together take turns): a file without a
/// version is created; an older version is upgraded step by step; a newer one is used as it is when its minimum reader
/// version is at most <see cref="Version"/> (an additive change, such as a new index or a new nullable column), and
/// refused otherwise. A rolling deploy therefore works: new code upgrades the file, old code keeps running on it as long
/// as the upgrade declared it compatible.
/// </summary>
internal static class Schema
{
    /// <summary>The version this code creates and reads.</summary>
    public const int Version = 3;

    /// <summary>
    /// The oldest code version that can use a file this code created or upgraded. Version 2 raises it to 2, although its
    /// change is additive in SQL: code of version 1 on a version 2 file would write moves without their history (a gap in
    /// the audit an operator reads), apply an earlier attempt's delivery report as the last one's, leave a new attempt's
    /// start unwritten, and could not read rows that hold the new outcome reason (an operator's decision) at all. So a file
    /// once upgraded refuses version 1 code at its start-up: stop version 1 instances before (or as) version 2 ones start.
    /// Version 3 (lease indexes) keeps it: version 2 code runs on a version 3 file as it did.
    /// </summary>
    public const int MinimumReaderVersion = 2;

    /// <summary>Step <c>i</c> takes a file from version <c>i</c> to <c>i + 1</c>; step 0 creates it.</summary>
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE follow_ups (
            account_id TEXT NOT NULL,
            campaign_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            call_id TEXT NOT NULL,
            targets TEXT NOT NULL,
            message TEXT NOT NULL,
            state INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            lease_owner TEXT,
            lease_expires_at INTEGER,
            due_at INTEGER,
            wait_reason INTEGER NOT NULL,
            claimed_at INTEGER NOT NULL,
            deadline INTEGER NOT NULL,
            completed_at INTEGER,
            outcome TEXT,
            provider_message_id TEXT,
            delivery TEXT,
            PRIMARY KEY (account_id, campaign_id, contact_id, kind)
        ) WITHOUT ROWID;
        CREATE INDEX follow_ups_by_call ON follow_ups (account_id, call_id);
        CREATE INDEX follow_ups_by_provider_message_id ON follow_ups (provider_message_id) WHERE provider_message_id IS NOT NULL;
        CREATE INDEX follow_ups_unfinished ON follow_ups (state, due_at) WHERE state IN (0, 3, 4, 5);
        CREATE TABLE follow_up_targets (
            account_id TEXT NOT NULL,
            target_kind INTEGER NOT NULL,
            value TEXT NOT NULL,
            campaign_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            PRIMARY KEY (account_id, target_kind, value, campaign_id, contact_id, kind)
        ) WITHOUT ROWID;
        CREATE TABLE suppressions (
            account_id TEXT NOT NULL,
            target_kind INTEGER NOT NULL,
            value TEXT NOT NULL,
            reason INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, target_kind, value)
        ) WITHOUT ROWID;
        CREATE TABLE followups_schema (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            minimum_reader_version INTEGER NOT NULL
        );
        """,
        // Version 2: each attempt's start; an operator's cancel request (kept once written); the history (the audit), one row per change or report, numbered per follow-up
        // (seq), so one follow-up's entries sit together in the primary key's b-tree and read in order with one range scan,
        // and appending one costs one b-tree insert (a global rowid table would need a second index on the key); listing by
        // account in claim order, keyset-paged (campaign, contact and kind are in the index, so a campaign filter is
        // checked on index entries without reading rows). Unknown rows version 1 left without a due time are due at once, to
        // be asked about now rather than only at their deadline.
        """
        ALTER TABLE follow_ups ADD COLUMN attempt_started_at INTEGER;
        ALTER TABLE follow_ups ADD COLUMN cancel_request TEXT;
        CREATE TABLE follow_up_history (
            account_id TEXT NOT NULL,
            campaign_id TEXT NOT NULL,
            contact_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            state INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            outcome TEXT,
            delivery TEXT,
            PRIMARY KEY (account_id, campaign_id, contact_id, kind, seq)
        ) WITHOUT ROWID;
        CREATE INDEX follow_ups_by_claim ON follow_ups (account_id, claimed_at, campaign_id, contact_id, kind);
        UPDATE follow_ups SET due_at = claimed_at WHERE state = 3 AND due_at IS NULL;
        """,
        // Version 3: leases that cost what they lease, not what is due. The unfinished rows by due time (else claim time), the
        // order a lease takes them, so a lease walks them in order and stops at its limit; and by sender (account, kind)
        // then due time, so a lease fair between accounts finds each sender with one seek and reads only its oldest rows
        // (a skipped sender's none). The index on (state, due_at) they replace served only the lease, which sorted every
        // unfinished row. Additive for version 2 code (which runs as before, sorting the backlog), so the minimum reader
        // version stays 2.
        """
        CREATE INDEX follow_ups_unfinished_by_due ON follow_ups (coalesce(due_at, claimed_at)) WHERE state IN (0, 3, 4, 5);
        CREATE INDEX follow_ups_unfinished_by_sender ON follow_ups (account_id, kind, coalesce(due_at, claimed_at)) WHERE state IN (0, 3, 4, 5);
        DROP INDEX follow_ups_unfinished;
        """,
    ];

    /// <summary>Puts the file in WAL mode and creates, upgrades, accepts or refuses its schema; returns the version found in the end.</summary>
    /// <exception cref="InvalidOperationException">The file was made by a newer, incompatible FollowUps.Sqlite, or by something else.</exception>
    public static async Task<int> EnsureAsync(SqliteDatabase database, ILogger logger, CancellationToken cancellationToken)
    {
        await database.RunAsync("switch to WAL journaling", async connection =>
        {
            var command = SqliteDatabase.Command(connection, null, "PRAGMA journal_mode = WAL;");
            await using (command.ConfigureAwait(false))
            {
                var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)
                    ? mode
                    : throw new InvalidOperationException($"The SQLite file '{database.Path}' cannot use WAL journaling (it stays in '{mode}' mode); keep it on a local disk.");
            }
        }, cancellationToken).ConfigureAwait(false);

        return await database.WriteAsync("create or check the schema", async (connection, transaction) =>
        {
            var found = await ScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false);
            if (found == Version)
            {
                return found;
            }

            if (found > Version)
            {
                var reader = await ScalarAsync(connection, transaction, "SELECT coalesce((SELECT minimum_reader_version FROM followups_schema WHERE id = 1), user_version) FROM pragma_user_version;", cancellationToken).ConfigureAwait(false);
                if (reader > Version)
                {
                    throw new InvalidOperationException(
                        $"The SQLite file '{database.Path}' was created by a newer FollowUps.Sqlite: its schema version is {found} and needs FollowUps.Sqlite of schema version {reader} or later, but this code reads schema version {Version}. Upgrade FollowUps.Sqlite, or use another file.");
                }

                Log.NewerCompatible(logger, database.Path, found, Version, reader);
                return found;
            }

            if (found == 0 && await ScalarAsync(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%';", cancellationToken).ConfigureAwait(false) > 0)
            {
                throw new InvalidOperationException($"The SQLite file '{database.Path}' has tables but no FollowUps schema version: it was not made by FollowUps.Sqlite. Use a file of its own.");
            }

            await UpgradeAsync(connection, transaction, found, cancellationToken).ConfigureAwait(false);
            if (found == 0)
            {
                Log.Created(logger, database.Path, Version);
            }
            else
            {
                Log.Upgraded(logger, database.Path, found, Version);
            }

            return Version;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task UpgradeAsync(SqliteConnection connection, SqliteTransaction transaction, int from, CancellationToken cancellationToken)
    {
        for (var step = from; step < Version; step++)
        {
            await SqliteDatabase.ExecuteAsync(connection, transaction, Steps[step], cancellationToken).ConfigureAwait(false);
        }

        await SqliteDatabase.ExecuteAsync(connection, transaction, "INSERT INTO followups_schema (id, minimum_reader_version) VALUES (1, $reader) ON CONFLICT (id) DO UPDATE SET minimum_reader_version = excluded.minimum_reader_version;", cancellationToken, ("$reader", MinimumReaderVersion)).ConfigureAwait(false);
        await SqliteDatabase.ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {Version};"), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var command = SqliteDatabase.Command(connection, transaction, sql);
        await using (command.ConfigureAwait(false))
        {
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
    }
}
