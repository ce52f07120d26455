namespace FollowUps.PostgreSql.Storage;

/// <summary>
/// The store's SQL, written once per store for its schema and its clock. Parameters are named as
/// <see cref="RecordRows"/> makes them. On the database's clock, "now" is the transaction's <c>now()</c>, and a time a
/// host computed (a lease's end, a retry's due time) is stored as the same distance from <c>now()</c> as from the host's
/// now (<c>@hostNow</c>); on the hosts' clocks, both are stored as given. Pure.
/// </summary>
internal sealed class Statements
{
    /// <summary>The first key of the do-not-contact list's advisory lock (<see cref="LockList"/>); the second is the account's id hashed.</summary>
    public const int ListLockSpace = 0x4c697374; // "List"

    public Statements(string schema, bool databaseClock)
    {
        var s = $"\"{schema}\"";
        Now = databaseClock ? "now()" : "@hostNow";

        // Claimed (0), unknown (3), sending (4) and waiting (5) rows that need a worker, as the core's outbox rules say.
        var needsWorker = $"""
            (state = 4 AND lease_expires_at <= {Now})
            OR ((lease_owner IS NULL OR lease_expires_at <= {Now}) AND (
                (state = 5 AND due_at <= {Now})
                OR (state = 0 AND coalesce(due_at, claimed_at) <= {Now})
                OR (state = 3 AND coalesce(due_at, deadline) <= {Now})))
            """;

        // The claim and its first history entry in one statement; a second statement in the same round trip (a fresh
        // snapshot, so it sees a racing winner's commit) reads the row that holds the key when it is not ours.
        Claim = $"""
            WITH claimed AS (
                INSERT INTO {s}.follow_ups (account_id, campaign_id, contact_id, kind, claim_id, call_id, targets, message, state, attempts, attempt_started_at,
                    lease_owner, lease_expires_at, due_at, wait_reason, claimed_at, deadline, completed_at, outcome, provider_message_id, delivery, cancel_request, history_seq)
                VALUES (@account, @campaign, @contact, @kind, @claimId, @call, @targets, @message, @state, @attempts, @started,
                    @owner, {Stamp("@lease")}, {Stamp("@due")}, @wait, @claimed, @deadline, @completed, @outcome, @providerMessageId, NULL, @cancelRequest, 1)
                ON CONFLICT DO NOTHING
                RETURNING account_id, campaign_id, contact_id, kind),
            entry AS (
                INSERT INTO {s}.follow_up_history (account_id, campaign_id, contact_id, kind, seq, at, state, attempt, outcome, delivery)
                SELECT account_id, campaign_id, contact_id, kind, 1, @claimed, @state, @attempts, @outcome, NULL FROM claimed)
            SELECT count(*) FROM claimed;
            """;
        ClaimHolder = $"SELECT {RecordRows.Columns} FROM {s}.follow_ups WHERE {RecordRows.ByKey} AND claim_id <> @claimId;";

        // A compare-and-set move and its history entry. A lease end or due time the caller read from the store and keeps
        // is written back as it is: it is on the database's clock already. The entry's number is handed out under the row's lock: one past
        // the last when the move changes the state, the attempts or the outcome, else the last again, whose entry
        // exists, so ON CONFLICT drops it (a change of lease alone is not history).
        Move = MoveWhere(s, "");

        // The do-not-contact list's entries of an account for any of a follow-up's targets (@kinds and @values, pairwise).
        var listed = "account_id = @account AND (target_kind, value) IN (SELECT * FROM unnest(@kinds, @values))";

        // The list's writes and the claims that start a send in the same transaction (ClaimAndStartAsync) take one lock
        // per account: exclusive to write the list, shared to claim and start. An entry is then written wholly before
        // such a claim reads the list or after it commits. Claims in progress do not stop one another; a write of the
        // list waits for the account's claims in progress, and claims that come after it wait for it (PostgreSQL queues
        // a shared request behind a waiting exclusive one). A transaction-level advisory lock on (ListLockSpace, the
        // account's id hashed): released at commit, no row locked for it; the stores of other schemas on the database
        // share it, which can only make one wait for another's list.
        var accountLock = $"{ListLockSpace}, hashtext(@account)";
        LockList = $"SELECT pg_advisory_xact_lock({accountLock});";
        ShareList = $"SELECT pg_advisory_xact_lock_shared({accountLock});";

        // ClaimAndStartAsync, after the claim in the same transaction: the row that holds the key when this transaction
        // did not insert it (an earlier try of the same claim, or another claim), and whether it carries this claim's id.
        // The row this transaction inserted has its id as xmin; a transaction that wrote nothing has none (NULL).
        var insertedHere = "xmin = pg_current_xact_id_if_assigned()::xid";
        ClaimedBefore = $"SELECT {RecordRows.Columns}, claim_id = @claimId FROM {s}.follow_ups WHERE {RecordRows.ByKey} AND ({insertedHere}) IS NOT TRUE;";

        // The move of ClaimAndStartAsync: only on the row this transaction inserted, and only when none of its targets is
        // on the list.
        StartClaimed = MoveWhere(s, $" AND {insertedHere} AND NOT EXISTS (SELECT 1 FROM {s}.suppressions WHERE {listed})");

        // Leases in one short transaction (one statement): due rows nobody else is taking, locked and skipped by others,
        // stamped with the owner and the lease's end. A row this owner holds already is taken again: a lease retried
        // after its answer was lost gets back what its first try leased.
        var mayLease = $"state IN (0, 3, 4, 5) AND ({needsWorker} OR lease_owner = @owner)";
        var lease = $"""
            UPDATE {s}.follow_ups f SET lease_owner = @owner, lease_expires_at = {Stamp("@leaseUntil")}
            FROM due
            WHERE (f.account_id, f.campaign_id, f.contact_id, f.kind) = (due.account_id, due.campaign_id, due.contact_id, due.kind)
            RETURNING {Qualified("f")};
            """;
        LeaseDue = $"""
            WITH due AS (
                SELECT account_id, campaign_id, contact_id, kind FROM {s}.follow_ups
                WHERE {mayLease}
                ORDER BY coalesce(due_at, claimed_at)
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
            {lease}
            """;

        // The same, less the senders (account and kind, as 'account<U+001F>kind') in @skip: a filter on the rows.
        LeaseDueSkipping = $"""
            WITH due AS (
                SELECT account_id, campaign_id, contact_id, kind FROM {s}.follow_ups
                WHERE {mayLease} AND {Sender("account_id", "kind")} <> ALL (@skip)
                ORDER BY coalesce(due_at, claimed_at)
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
            {lease}
            """;

        // With at most @perAccount of one account, sender by sender (account and kind) rather than over the whole
        // backlog: the senders with rows that may need a worker, found one index seek each (a recursive walk of
        // follow_ups_unfinished_by_sender), less those in @skip; from each, its oldest due rows nobody else is taking,
        // locked as they are read (FOR UPDATE SKIP LOCKED in the lateral subquery, which stops at its limit: a busy sender's
        // backlog is not read), so concurrent dispatchers get the next rows rather than the same ones; then each account's
        // first @perAccount of those by due time (a window function, above the locking level, where PostgreSQL allows it),
        // and the oldest @max of all. Rows locked here but not leased are free again when the statement ends.
        LeaseDueByAccount = $"""
            WITH RECURSIVE senders AS (
                (SELECT account_id, kind FROM {s}.follow_ups WHERE state IN (0, 3, 4, 5) ORDER BY account_id, kind LIMIT 1)
                UNION ALL
                SELECT next.account_id, next.kind FROM senders CROSS JOIN LATERAL (
                    SELECT account_id, kind FROM {s}.follow_ups
                    WHERE state IN (0, 3, 4, 5) AND (account_id, kind) > (senders.account_id, senders.kind)
                    ORDER BY account_id, kind
                    LIMIT 1) next),
            leasable AS (
                SELECT oldest.*, row_number() OVER (PARTITION BY oldest.account_id ORDER BY oldest.due_time, oldest.campaign_id, oldest.contact_id, oldest.kind) AS nth
                FROM senders CROSS JOIN LATERAL (
                    SELECT account_id, campaign_id, contact_id, kind, coalesce(due_at, claimed_at) AS due_time FROM {s}.follow_ups
                    WHERE account_id = senders.account_id AND kind = senders.kind AND {mayLease}
                    ORDER BY coalesce(due_at, claimed_at)
                    LIMIT least(@perAccount, @max)
                    FOR UPDATE SKIP LOCKED) oldest
                WHERE {Sender("senders.account_id", "senders.kind")} <> ALL (@skip)),
            due AS (
                SELECT account_id, campaign_id, contact_id, kind FROM leasable
                WHERE nth <= @perAccount
                ORDER BY due_time
                LIMIT @max)
            {lease}
            """;

        Select = $"SELECT {RecordRows.Columns} FROM {s}.follow_ups WHERE";
        Pending = $"{Select} account_id = @account AND state IN (0, 5) AND targets && @targets ORDER BY kind, campaign_id, contact_id FOR UPDATE;";

        // A report kept in the history; when applied, also the follow-up's delivery status, and a waiting or unknown one
        // released and due now.
        Report = $"""
            WITH reported AS (
                UPDATE {s}.follow_ups SET history_seq = history_seq + 1,
                    delivery = CASE WHEN @apply THEN @delivery ELSE delivery END,
                    lease_owner = CASE WHEN @apply AND state IN (3, 5) THEN NULL ELSE lease_owner END,
                    lease_expires_at = CASE WHEN @apply AND state IN (3, 5) THEN NULL ELSE lease_expires_at END,
                    due_at = CASE WHEN @apply AND state IN (3, 5) THEN {Now} ELSE due_at END
                WHERE {RecordRows.ByKey}
                RETURNING history_seq)
            INSERT INTO {s}.follow_up_history (account_id, campaign_id, contact_id, kind, seq, at, state, attempt, outcome, delivery)
            SELECT @account, @campaign, @contact, @kind, history_seq, @at, @historyState, @historyAttempt, NULL, @delivery FROM reported;
            """;

        // Whether an earlier try of this very report committed before its answer was lost: its entry is in the history.
        ReportKept = $"SELECT EXISTS (SELECT 1 FROM {s}.follow_up_history WHERE {RecordRows.ByKey} AND at = @at AND delivery = @delivery);";

        // What an earlier try of this very cancel committed before its answer was lost: cancelled at its time, by its targets.
        CancelledAt = $"{Select} account_id = @account AND state = @cancelled AND completed_at = @completed AND targets && @targets ORDER BY kind, campaign_id, contact_id;";

        History = $"SELECT at, state, attempt, outcome, delivery FROM {s}.follow_up_history WHERE {RecordRows.ByKey} ORDER BY seq;";

        FindSuppressions = $"SELECT target_kind, value, reason, created_at FROM {s}.suppressions WHERE {listed};";

        // As SuppressionEntry.Replaces: an entry from the do-not-contact list (0) replaces one of another reason; nothing else replaces.
        AddSuppression = $"""
            INSERT INTO {s}.suppressions AS stored (account_id, target_kind, value, reason, created_at) VALUES (@account, @targetKind, @value, @reason, @created)
            ON CONFLICT (account_id, target_kind, value) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at
            WHERE excluded.reason = 0 AND stored.reason <> 0;
            """;
        RemoveSuppression = $"DELETE FROM {s}.suppressions WHERE account_id = @account AND target_kind = @targetKind AND value = @value;";
    }

    /// <summary>The store's now in SQL: <c>now()</c> or <c>@hostNow</c>.</summary>
    public string Now { get; }

    public string Claim { get; }

    public string ClaimHolder { get; }

    public string Move { get; }

    /// <summary>Takes the account's lock of the do-not-contact list (<c>@account</c>) for a write of the list, until the transaction ends.</summary>
    public string LockList { get; }

    /// <summary>Takes the account's lock of the do-not-contact list shared, for a claim that reads it and starts a send, until the transaction ends.</summary>
    public string ShareList { get; }

    /// <summary>The row that holds the key when this transaction did not insert it, and (last column) whether its claim id is <c>@claimId</c>.</summary>
    public string ClaimedBefore { get; }

    /// <summary><see cref="Move"/> to sending, of the row this transaction inserted, when none of <c>@kinds</c> and <c>@values</c> is on the list.</summary>
    public string StartClaimed { get; }

    public string LeaseDue { get; }

    public string LeaseDueSkipping { get; }

    public string LeaseDueByAccount { get; }

    /// <summary><c>SELECT</c> a record's columns <c>FROM follow_ups WHERE</c>, to finish with a condition.</summary>
    public string Select { get; }

    public string Pending { get; }

    public string Report { get; }

    public string ReportKept { get; }

    public string CancelledAt { get; }

    public string History { get; }

    public string FindSuppressions { get; }

    public string AddSuppression { get; }

    public string RemoveSuppression { get; }

    /// <summary>The compare-and-set move with its history entry (see <see cref="Move"/>) in schema <paramref name="s"/> (quoted), on the conditions <paramref name="also"/> adds.</summary>
    private string MoveWhere(string s, string also) => $"""
        WITH moved AS (
            UPDATE {s}.follow_ups SET state = @state, attempts = @attempts, attempt_started_at = @started, lease_owner = @owner,
                lease_expires_at = {Kept("@lease", "lease_expires_at")}, due_at = {Kept("@due", "due_at")}, wait_reason = @wait, completed_at = @completed, outcome = @outcome,
                provider_message_id = coalesce(@providerMessageId, provider_message_id), cancel_request = coalesce(@cancelRequest, cancel_request),
                history_seq = history_seq + CASE WHEN state <> @state OR attempts <> @attempts OR outcome IS DISTINCT FROM @outcome THEN 1 ELSE 0 END
            WHERE {RecordRows.ByKey} AND state = @expectedState AND attempts = @expectedAttempts AND lease_owner IS NOT DISTINCT FROM @expectedOwner{also}
            RETURNING history_seq),
        entry AS (
            INSERT INTO {s}.follow_up_history (account_id, campaign_id, contact_id, kind, seq, at, state, attempt, outcome, delivery)
            SELECT @account, @campaign, @contact, @kind, history_seq, @at, @state, @attempts, @outcome, NULL FROM moved
            ON CONFLICT DO NOTHING)
        SELECT count(*) FROM moved;
        """;

    /// <summary>A host-computed time <paramref name="parameter"/> as stored: moved onto the database's clock, or as given.</summary>
    private string Stamp(string parameter) => Now == "now()" ? $"({parameter} + (now() - @hostNow))" : parameter;

    /// <summary>
    /// A host-computed time <paramref name="parameter"/> written over <paramref name="column"/>: the stored time itself when
    /// it equals it (the caller read it from the store and keeps it: moving it onto the database's clock again would shift
    /// it by the host's skew each time), else <see cref="Stamp"/>.
    /// </summary>
    private string Kept(string parameter, string column) => Now == "now()" ? $"CASE WHEN {parameter} IS NOT DISTINCT FROM {column} THEN {column} ELSE {Stamp(parameter)} END" : parameter;

    /// <summary>A sender (account and kind) as <c>@skip</c> names it: the account, U+001F, the kind's number.</summary>
    private static string Sender(string account, string kind) => $"({account} || chr(31) || {kind})";

    private static string Qualified(string alias) => string.Join(", ", RecordRows.Columns.Split(", ").Select(column => $"{alias}.{column}"));
}
