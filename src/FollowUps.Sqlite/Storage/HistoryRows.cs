using Microsoft.Data.Sqlite;

namespace FollowUps.Sqlite.Storage;

/// <summary>
/// How a <see cref="FollowUpHistoryEntry"/> is appended to and read from <c>follow_up_history</c>: numbered per follow-up
/// (<c>seq</c>, one past the last), always in the transaction of the change it records. Pure but for the commands it runs.
/// </summary>
internal static class HistoryRows
{
    /// <summary>The next number of the follow-up <see cref="RecordRows.Key"/> names.</summary>
    private const string NextSeq =
        "(SELECT coalesce(max(seq), 0) + 1 FROM follow_up_history WHERE account_id = $account AND campaign_id = $campaign AND contact_id = $contact AND kind = $kind)";

    private const string Into = "INSERT INTO follow_up_history (account_id, campaign_id, contact_id, kind, seq, at, state, attempt, outcome, delivery)";

    /// <summary>Appends the entry <see cref="Entry"/> describes to the follow-up <see cref="RecordRows.Key"/> names.</summary>
    public const string Append = $"{Into} VALUES ($account, $campaign, $contact, $kind, {NextSeq}, $at, $historyState, $historyAttempt, $historyOutcome, $historyDelivery);";

    /// <summary>
    /// Appends the entry of a claim, from the claim's own parameters (<see cref="RecordRows.Claim"/>), only when the
    /// statement before it in its command changed a row (SQLite's <c>changes()</c> is the count of the last statement
    /// completed): the claim's <c>INSERT … ON CONFLICT DO NOTHING</c>, so a claim that found its key taken appends nothing.
    /// </summary>
    public const string AppendClaim = $"{Into} SELECT $account, $campaign, $contact, $kind, {NextSeq}, $claimed, $state, $attempts, $outcome, NULL WHERE changes() = 1;";

    /// <summary>
    /// Appends the entry of a move, before the move is written, only when <see cref="RecordRows.Move"/> with the same
    /// parameters (<see cref="RecordRows.Key"/>, <see cref="RecordRows.Moving"/>, <c>$expectedState</c>,
    /// <c>$expectedAttempts</c>, <c>$expectedOwner</c>, <c>$at</c>) will hit the row and change its state, attempts or outcome; a change of lease
    /// alone is not history. The condition reads the row as it was, which the move's <c>UPDATE</c> cannot (SQLite's
    /// <c>RETURNING</c> gives the new values).
    /// </summary>
    public const string AppendMove = $"""
        {Into}
        SELECT $account, $campaign, $contact, $kind, {NextSeq}, $at, $state, $attempts, $outcome, NULL FROM follow_ups
        WHERE {RecordRows.ByKey} AND {RecordRows.Expected} AND (state IS NOT $state OR attempts IS NOT $attempts OR outcome IS NOT $outcome);
        """;

    /// <summary>The entries of the follow-up <see cref="RecordRows.Key"/> names, oldest first.</summary>
    public const string Select = $"SELECT at, state, attempt, outcome, delivery FROM follow_up_history WHERE {RecordRows.ByKey} ORDER BY seq;";

    /// <summary>The parameters of <see cref="Append"/> besides the key.</summary>
    public static (string, object?)[] Entry(FollowUpHistoryEntry entry) =>
        [
            ("$at", Ticks.Of(entry.At)),
            ("$historyState", (int)entry.State),
            ("$historyAttempt", entry.Attempt),
            ("$historyOutcome", StoredConvert.Outcome(entry.Outcome)),
            ("$historyDelivery", entry.Delivery is { } delivery ? StoredConvert.Delivery(delivery) : null),
        ];

    /// <summary>Reads every entry <paramref name="command"/> (<see cref="Select"/>) selects.</summary>
    public static async Task<List<FollowUpHistoryEntry>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<FollowUpHistoryEntry>();
        var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (row.ConfigureAwait(false))
        {
            while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new FollowUpHistoryEntry
                {
                    At = Ticks.Time(row.GetInt64(0)),
                    State = StoredConvert.Defined<FollowUpState>(row.GetInt64(1)),
                    Attempt = row.GetInt32(2),
                    Outcome = StoredConvert.Outcome(row.IsDBNull(3) ? null : row.GetString(3)),
                    Delivery = StoredConvert.Delivery(row.IsDBNull(4) ? null : row.GetString(4)),
                });
            }
        }

        return entries;
    }
}
