using System.Globalization;
using System.Text;

namespace FollowUps.Sqlite.Storage;

/// <summary>
/// The statement that selects the records a <see cref="FollowUpLeaseRequest"/> leases, oldest due first (by due time,
/// else claim time). Each walks an index in the order it leases and stops at its limit, so a lease costs what it leases,
/// not what is due: it runs inside the write transaction every claim waits for. Pure.
/// </summary>
internal static class LeaseRows
{
    /// <summary>
    /// Which rows need a worker, as the core's outbox rules say: nobody holds it (or its lease ended) and it is waiting
    /// and due, claimed and due, or unknown and due to be asked about (or, written before it had a due time, past its
    /// deadline); or it is sending with a lease that ended. NULL compares false, as a null time does in the rules. Its
    /// first term is the WHERE of the partial indexes <c>follow_ups_unfinished_by_due</c> and
    /// <c>follow_ups_unfinished_by_sender</c>, so SQLite may use them.
    /// </summary>
    private const string NeedsWorker = """
        state IN (0, 3, 4, 5) AND (
            (state = 4 AND lease_expires_at <= $now)
            OR ((lease_owner IS NULL OR lease_expires_at <= $now) AND (
                (state = 5 AND due_at <= $now)
                OR (state = 0 AND coalesce(due_at, claimed_at) <= $now)
                OR (state = 3 AND coalesce(due_at, deadline) <= $now))))
        """;

    /// <summary>
    /// No per-account limit, nothing skipped: the unfinished rows in due order (<c>follow_ups_unfinished_by_due</c>),
    /// those that need a worker, until <c>$max</c> are found.
    /// </summary>
    private const string Oldest = $"SELECT {RecordRows.Columns} FROM follow_ups WHERE {NeedsWorker} ORDER BY coalesce(due_at, claimed_at) LIMIT $max;";

    /// <summary>The kinds as SQL rows, <c>(0), (1), (2)</c>: with each account, the senders a lease walks.</summary>
    private static readonly string Kinds = string.Join(", ", Enum.GetValues<FollowUpKind>().Select(kind => string.Create(CultureInfo.InvariantCulture, $"({(int)kind})")));

    /// <summary>
    /// The statement (selecting <see cref="RecordRows.Columns"/>) and parameters that select what <paramref name="request"/>
    /// leases. Without a per-account limit that binds (one below the batch size) and with nothing skipped it is
    /// <see cref="Oldest"/>; otherwise <see cref="BySender"/>. The skipped accounts and kinds are parameters, never text.
    /// </summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) Select(FollowUpLeaseRequest request)
    {
        var parameters = new List<(string, object?)> { ("$now", Ticks.Of(request.Now)), ("$max", request.Max) };
        if (request.MaxPerAccount >= request.Max && request.Skip.Count == 0)
        {
            return (Oldest, [.. parameters]);
        }

        var skip = new StringBuilder();
        foreach (var (skipped, i) in request.Skip.Distinct().Select((skipped, i) => (skipped, i)))
        {
            skip.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? " AND NOT (" : " OR ")}(account_id = $skipAccount{i} AND kind = $skipKind{i})");
            parameters.Add(($"$skipAccount{i}", skipped.AccountId));
            parameters.Add(($"$skipKind{i}", (int)skipped.Kind));
        }

        if (request.Skip.Count > 0)
        {
            skip.Append(')');
        }

        parameters.Add(("$perAccount", request.MaxPerAccount));
        parameters.Add(("$take", Math.Min(request.MaxPerAccount, request.Max)));
        return (BySender(skip.ToString()), [.. parameters]);
    }

    /// <summary>
    /// At most <c>$perAccount</c> of one account and none of the skipped senders, sender by sender (account and kind) over
    /// <c>follow_ups_unfinished_by_sender</c> rather than over the whole backlog: the accounts with unfinished rows, one
    /// seek each (a recursive walk); with each kind, the senders, less the skipped ones (<paramref name="skip"/>, before any
    /// of their rows is read); from each, its oldest <c>$take</c> (the lesser of the limits) rows that need a worker, read
    /// in due order until found, so a busy sender's backlog is not read; then each account's first <c>$perAccount</c> of
    /// those by due time and the oldest <c>$max</c> of all (a window and a sort over those few rows), read by key.
    /// </summary>
    private static string BySender(string skip) => $"""
        WITH RECURSIVE accounts(account_id) AS (
            SELECT min(account_id) FROM follow_ups WHERE state IN (0, 3, 4, 5)
            UNION ALL
            SELECT (SELECT min(account_id) FROM follow_ups WHERE state IN (0, 3, 4, 5) AND account_id > accounts.account_id)
            FROM accounts WHERE accounts.account_id IS NOT NULL),
        kinds(kind) AS (VALUES {Kinds}),
        senders AS (
            SELECT account_id, kind FROM accounts, kinds WHERE account_id IS NOT NULL{skip}),
        oldest AS (
            SELECT f.account_id, f.campaign_id, f.contact_id, f.kind, coalesce(f.due_at, f.claimed_at) AS due_time
            FROM senders JOIN follow_ups AS f ON f.account_id = senders.account_id AND f.kind = senders.kind AND (f.campaign_id, f.contact_id) IN (
                SELECT campaign_id, contact_id FROM follow_ups
                WHERE account_id = senders.account_id AND kind = senders.kind AND {NeedsWorker}
                ORDER BY coalesce(due_at, claimed_at) LIMIT $take)),
        leased AS (
            SELECT account_id, campaign_id, contact_id, kind, due_time
            FROM (SELECT *, row_number() OVER (PARTITION BY account_id ORDER BY due_time) AS nth FROM oldest)
            WHERE nth <= $perAccount ORDER BY due_time LIMIT $max)
        SELECT {RecordRows.Columns} FROM leased JOIN follow_ups USING (account_id, campaign_id, contact_id, kind) ORDER BY due_time;
        """;
}
