using System.Globalization;
using System.Text;

namespace FollowUps.Sqlite.Storage;

/// <summary>The statement that selects the records a <see cref="FollowUpLeaseRequest"/> leases, oldest due first. Pure.</summary>
internal static class LeaseRows
{
    /// <summary>
    /// Which rows need a worker, as the core's outbox rules say: nobody holds it (or its lease ended) and it is waiting
    /// and due, claimed and due, or unknown and due to be asked about (or, written before it had a due time, past its
    /// deadline); or it is sending with a lease that ended. NULL compares false, as a null time does in the rules.
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
    /// The statement (selecting <see cref="RecordRows.Columns"/>) and parameters that select what <paramref name="request"/>
    /// leases. Without a per-account limit that binds (one at least the batch size) and with nothing skipped it is the
    /// plain scan in due order, as it was before either existed; the skipped accounts and kinds are parameters, never text.
    /// </summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) Select(FollowUpLeaseRequest request)
    {
        var due = new StringBuilder(NeedsWorker);
        var parameters = new List<(string, object?)> { ("$now", Ticks.Of(request.Now)), ("$max", request.Max) };
        foreach (var (skipped, i) in request.Skip.Distinct().Select((skipped, i) => (skipped, i)))
        {
            due.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? " AND NOT (" : " OR ")}(account_id = $skipAccount{i} AND kind = $skipKind{i})");
            parameters.Add(($"$skipAccount{i}", skipped.AccountId));
            parameters.Add(($"$skipKind{i}", (int)skipped.Kind));
        }

        if (request.Skip.Count > 0)
        {
            due.Append(')');
        }

        if (request.MaxPerAccount < request.Max)
        {
            due.Insert(0, "(account_id, campaign_id, contact_id, kind) IN (SELECT account_id, campaign_id, contact_id, kind FROM (SELECT account_id, campaign_id, contact_id, kind, row_number() OVER (PARTITION BY account_id ORDER BY coalesce(due_at, claimed_at)) AS nth FROM follow_ups WHERE ")
                .Append(") WHERE nth <= $perAccount)");
            parameters.Add(("$perAccount", request.MaxPerAccount));
        }

        return ($"SELECT {RecordRows.Columns} FROM follow_ups WHERE {due} ORDER BY coalesce(due_at, claimed_at) LIMIT $max;", [.. parameters]);
    }
}
