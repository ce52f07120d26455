using Microsoft.Data.Sqlite;

namespace FollowUps.Sqlite.Storage;

/// <summary>How a <see cref="FollowUpRecord"/> is written to and read from a <c>follow_ups</c> row. Pure but for the commands it runs.</summary>
internal static class RecordRows
{
    /// <summary>The columns a record is read from, in <see cref="ReadAsync"/>'s order.</summary>
    public const string Columns =
        "account_id, campaign_id, contact_id, kind, call_id, targets, message, state, attempts, lease_owner, lease_expires_at, due_at, wait_reason, claimed_at, deadline, completed_at, outcome, delivery, attempt_started_at, cancel_request";

    public const string ByKey = "account_id = $account AND campaign_id = $campaign AND contact_id = $contact AND kind = $kind";

    /// <summary>The compare of a compare-and-set move: the row still has the state and lease owner the caller read.</summary>
    public const string Expected = "state = $expectedState AND attempts = $expectedAttempts AND lease_owner IS $expectedOwner";

    /// <summary>The order of a listing, which its keyset (<c>$afterClaimed</c>, …) pages on.</summary>
    public const string ListOrder = "claimed_at, campaign_id, contact_id, kind";

    /// <summary>Stores a claim unless its key is taken; 1 when stored.</summary>
    public const string Insert = $"""
        INSERT INTO follow_ups ({Columns}, provider_message_id)
        VALUES ($account, $campaign, $contact, $kind, $call, $targets, $message, $state, $attempts, $owner, $lease, $due, $wait, $claimed, $deadline, $completed, $outcome, NULL, $started, $cancelRequest, $providerMessageId)
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>
    /// Stores a claim with its history entry and its targets in one command of three statements (compiled once on the
    /// writer): the row unless its key is taken, then the entry and the targets (read from the row's own
    /// <c>$targets</c> JSON, duplicates ignored) only when the statement before each changed a row, so a claim that
    /// found its key taken changes nothing. It changes 0 rows when the key was taken and at least 2 when stored.
    /// </summary>
    public const string InsertWithHistoryAndTargets = $"""
        {Insert}
        {HistoryRows.AppendClaim}
        INSERT OR IGNORE INTO follow_up_targets (account_id, target_kind, value, campaign_id, contact_id, kind)
        SELECT $account, json_extract(t.value, '$.kind'), json_extract(t.value, '$.value'), $campaign, $contact, $kind FROM json_each($targets) AS t WHERE changes() = 1;
        """;

    /// <summary>Writes the fields a move changes (never the claim's own fields, nor the delivery report; a cancel request once stored stays).</summary>
    public const string Move = """
        UPDATE follow_ups SET state = $state, attempts = $attempts, attempt_started_at = $started, lease_owner = $owner, lease_expires_at = $lease, due_at = $due,
            wait_reason = $wait, completed_at = $completed, outcome = $outcome, provider_message_id = coalesce($providerMessageId, provider_message_id),
            cancel_request = coalesce($cancelRequest, cancel_request)
        """;

    public static (string, object?)[] Key(FollowUpKey key) =>
        [("$account", key.AccountId), ("$campaign", key.CampaignId), ("$contact", key.ContactId), ("$kind", (int)key.Kind)];

    public static (string, object?)[] Claim(FollowUpRecord record) =>
        [
            .. Key(record.Key),
            ("$call", record.CallId),
            ("$targets", StoredConvert.Targets(record.Targets)),
            ("$message", StoredConvert.Message(record)),
            .. Moving(record),
            ("$claimed", Ticks.Of(record.ClaimedAt)),
            ("$deadline", Ticks.Of(record.Deadline)),
        ];

    /// <summary>The parameters of <see cref="Move"/>'s SET clause.</summary>
    public static (string, object?)[] Moving(FollowUpRecord record) =>
        [
            ("$state", (int)record.State),
            ("$attempts", record.Attempts),
            ("$started", Ticks.Of(record.AttemptStartedAt)),
            ("$owner", record.LeaseOwner),
            ("$lease", Ticks.Of(record.LeaseExpiresAt)),
            ("$due", Ticks.Of(record.DueAt)),
            ("$wait", (int)record.WaitReason),
            ("$completed", Ticks.Of(record.CompletedAt)),
            ("$outcome", StoredConvert.Outcome(record.Outcome)),
            ("$providerMessageId", record.Outcome?.ProviderMessageId),
            ("$cancelRequest", StoredConvert.Outcome(record.CancelRequest)),
        ];

    /// <summary>Reads every record <paramref name="command"/> selects (<see cref="Columns"/> first).</summary>
    public static async Task<List<FollowUpRecord>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var records = new List<FollowUpRecord>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(Read(reader));
            }
        }

        return records;
    }

    private static FollowUpRecord Read(SqliteDataReader row)
    {
        var key = new FollowUpKey(row.GetString(0), row.GetString(1), row.GetString(2), StoredConvert.Defined<FollowUpKind>(row.GetInt64(3)));
        var (sms, email) = StoredConvert.Message(key, row.GetString(6));
        return new FollowUpRecord
        {
            Key = key,
            CallId = row.GetString(4),
            Targets = StoredConvert.Targets(row.GetString(5)),
            Sms = sms,
            Email = email,
            State = StoredConvert.Defined<FollowUpState>(row.GetInt64(7)),
            Attempts = row.GetInt32(8),
            AttemptStartedAt = Time(row, 18),
            LeaseOwner = row.IsDBNull(9) ? null : row.GetString(9),
            LeaseExpiresAt = Time(row, 10),
            DueAt = Time(row, 11),
            WaitReason = StoredConvert.Defined<WaitReason>(row.GetInt64(12)),
            ClaimedAt = Ticks.Time(row.GetInt64(13)),
            Deadline = Ticks.Time(row.GetInt64(14)),
            CompletedAt = Time(row, 15),
            Outcome = StoredConvert.Outcome(row.IsDBNull(16) ? null : row.GetString(16)),
            Delivery = StoredConvert.Delivery(row.IsDBNull(17) ? null : row.GetString(17)),
            CancelRequest = StoredConvert.Outcome(row.IsDBNull(19) ? null : row.GetString(19)),
        };
    }

    private static DateTimeOffset? Time(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : Ticks.Time(row.GetInt64(ordinal));
}
