using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace FollowUps.PostgreSql.Storage;

/// <summary>How a <see cref="FollowUpRecord"/> is written to and read from a <c>follow_ups</c> row: its parameters and its columns. Pure.</summary>
internal static class RecordRows
{
    /// <summary>The columns a record is read from, in <see cref="Read"/>'s order.</summary>
    public const string Columns =
        "account_id, campaign_id, contact_id, kind, call_id, targets, message, state, attempts, lease_owner, lease_expires_at, due_at, wait_reason, claimed_at, deadline, completed_at, outcome, delivery, attempt_started_at, cancel_request";

    /// <summary>How many <see cref="Columns"/> there are: a statement may read one more after them.</summary>
    public static readonly int ColumnCount = Columns.Split(", ").Length;

    public const string ByKey = "account_id = @account AND campaign_id = @campaign AND contact_id = @contact AND kind = @kind";

    /// <summary>The order of a listing, which its keyset pages on.</summary>
    public const string ListOrder = "claimed_at, campaign_id, contact_id, kind";

    public static IEnumerable<NpgsqlParameter> Key(FollowUpKey key) =>
        [Text("account", key.AccountId), Text("campaign", key.CampaignId), Text("contact", key.ContactId), Small("kind", (int)key.Kind)];

    /// <summary>The parameters of a claim: the key, the claim's own fields and <see cref="Moving"/>.</summary>
    public static IEnumerable<NpgsqlParameter> Claim(FollowUpRecord record, string claimId) =>
        [
            .. Key(record.Key),
            Text("claimId", claimId),
            Text("call", record.CallId),
            new NpgsqlParameter<string[]>("targets", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = Targets(record.Targets) },
            Json("message", StoredConvert.Message(record)),
            Time("claimed", record.ClaimedAt),
            Time("deadline", record.Deadline),
            .. Moving(record),
        ];

    /// <summary>The fields a move writes (never the claim's own fields, nor the delivery report).</summary>
    public static IEnumerable<NpgsqlParameter> Moving(FollowUpRecord record) =>
        [
            Small("state", (int)record.State),
            Int("attempts", record.Attempts),
            Time("started", record.AttemptStartedAt),
            Text("owner", record.LeaseOwner),
            Time("lease", record.LeaseExpiresAt),
            Time("due", record.DueAt),
            Small("wait", (int)record.WaitReason),
            Time("completed", record.CompletedAt),
            Json("outcome", StoredConvert.Outcome(record.Outcome)),
            Text("providerMessageId", record.Outcome?.ProviderMessageId),
            Json("cancelRequest", StoredConvert.Outcome(record.CancelRequest)),
        ];

    /// <summary>The compare of a compare-and-set move: the state, attempts and lease owner the caller read.</summary>
    public static IEnumerable<NpgsqlParameter> Expected(FollowUpRecord current) =>
        [Small("expectedState", (int)current.State), Int("expectedAttempts", current.Attempts), Text("expectedOwner", current.LeaseOwner)];

    /// <summary>The targets as stored: <c>kind:value</c>, which a GIN index finds by any one of them.</summary>
    public static string[] Targets(IEnumerable<SuppressionTarget> targets) =>
        [.. targets.Distinct().Select(target => string.Create(CultureInfo.InvariantCulture, $"{(int)target.Kind}:{target.Value}"))];

    /// <summary>
    /// Senders to leave unleased, as the lease statements compare them (<c>@skip</c>): the account, U+001F, the kind's
    /// number. The kind never holds the separator, so two senders never read alike.
    /// </summary>
    public static NpgsqlParameter Skip(IEnumerable<AccountKind> senders) =>
        new NpgsqlParameter<string[]>("skip", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            TypedValue = [.. senders.Distinct().Select(sender => string.Create(CultureInfo.InvariantCulture, $"{sender.AccountId}\u001F{(int)sender.Kind}"))],
        };

    /// <summary>Reads a row selected with <see cref="Columns"/> first.</summary>
    public static FollowUpRecord Read(NpgsqlDataReader row)
    {
        var key = new FollowUpKey(row.GetString(0), row.GetString(1), row.GetString(2), StoredConvert.Defined<FollowUpKind>(row.GetInt16(3)));
        var (sms, email) = StoredConvert.Message(key, row.GetString(6));
        return new FollowUpRecord
        {
            Key = key,
            CallId = row.GetString(4),
            Targets = [.. row.GetFieldValue<string[]>(5).Select(Target)],
            Sms = sms,
            Email = email,
            State = StoredConvert.Defined<FollowUpState>(row.GetInt16(7)),
            Attempts = row.GetInt32(8),
            AttemptStartedAt = Time(row, 18),
            LeaseOwner = row.IsDBNull(9) ? null : row.GetString(9),
            LeaseExpiresAt = Time(row, 10),
            DueAt = Time(row, 11),
            WaitReason = StoredConvert.Defined<WaitReason>(row.GetInt16(12)),
            ClaimedAt = row.GetFieldValue<DateTimeOffset>(13),
            Deadline = row.GetFieldValue<DateTimeOffset>(14),
            CompletedAt = Time(row, 15),
            Outcome = StoredConvert.Outcome(row.IsDBNull(16) ? null : row.GetString(16)),
            Delivery = StoredConvert.Delivery(row.IsDBNull(17) ? null : row.GetString(17)),
            CancelRequest = StoredConvert.Outcome(row.IsDBNull(19) ? null : row.GetString(19)),
        };
    }

    /// <summary>Reads every record <paramref name="command"/> selects (<see cref="Columns"/> first).</summary>
    public static async Task<List<FollowUpRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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

    public static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Small(string name, int value) => new NpgsqlParameter<short>(name, NpgsqlDbType.Smallint) { TypedValue = checked((short)value) };

    public static NpgsqlParameter Int(string name, int value) => new NpgsqlParameter<int>(name, NpgsqlDbType.Integer) { TypedValue = value };

    public static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } time ? time.ToUniversalTime() : DBNull.Value };

    /// <summary>A <c>jsonb</c> parameter from a stored form's JSON (or <see cref="DBNull"/>).</summary>
    public static NpgsqlParameter Json(string name, object json) => new(name, NpgsqlDbType.Jsonb) { Value = json };

    /// <summary>Whether two times are the same as stored: to the microsecond, timestamptz's precision.</summary>
    public static bool SameMicrosecond(DateTimeOffset? x, DateTimeOffset? y) =>
        x is null || y is null ? x is null && y is null : x.Value.UtcTicks / TimeSpan.TicksPerMicrosecond == y.Value.UtcTicks / TimeSpan.TicksPerMicrosecond;

    private static SuppressionTarget Target(string stored)
    {
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(stored.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var kind)
            ? new SuppressionTarget(StoredConvert.Defined<SuppressionTargetKind>(kind), stored[(colon + 1)..])
            : throw new InvalidDataException($"'{stored}' is not a stored target (kind:value).");
    }

    private static DateTimeOffset? Time(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetFieldValue<DateTimeOffset>(ordinal);
}
