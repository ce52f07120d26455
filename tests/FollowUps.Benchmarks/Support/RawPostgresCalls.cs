using FollowUps.PostgreSql.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FollowUps.Benchmarks.Support;

/// <summary>
/// The raw baseline of <see cref="PostgreSqlEngineBenchmarks"/>: what the PostgreSQL store sends for one answered call
/// with an SMS and an email, straight through Npgsql, with nothing of the engine. The store's own SQL
/// (<see cref="Statements"/>, on the database's clock), its parameters with the same names, types and values (the stored
/// message and outcome as the store wrote them for the engine's call), and its round trips, each on a pooled connection
/// opened for it as the store opens one: the do-not-contact lookup; then for each follow-up the claim and start (one
/// batch: the account's lock of the list taken shared, the insert with its history entry, the holder's row, the list's
/// entries for the targets, and the move to sending with its history entry) and the move to sent (one compare-and-set
/// with its history entry). Five round trips per call. Thread-safe.
/// </summary>
internal sealed class RawPostgresCalls(NpgsqlDataSource source, Statements sql, RawPostgresCalls.Stored sms, RawPostgresCalls.Stored email)
{
    private static readonly TimeSpan Lease = new FollowUpDeliveryOptions().LeaseDuration;
    private static readonly TimeSpan Deadline = new FollowUpDeliveryOptions().Deadline;

    /// <summary>One follow-up as the store wrote it: its kind, its stored message and outcome (JSON) and its provider's id.</summary>
    public sealed record Stored(FollowUpKind Kind, string Message, string Outcome, string ProviderMessageId);

    /// <summary>One call for <paramref name="contact"/>, a contact never seen before; the follow-ups it claimed.</summary>
    public async Task<int> CallAsync(string contact)
    {
        string[] targets = [$"0:{contact}", "1:+14155552671", "2:maria@example.com"];
        string[] values = [contact, "+14155552671", "maria@example.com"];
        var claimed = await FindSuppressionsAsync(values).ConfigureAwait(false) == 0 ? 0 : -1;
        foreach (var stored in (Stored[])[sms, email])
        {
            var owner = Guid.NewGuid().ToString("N");
            var now = Now;
            var started = Now;
            if (await ClaimAndStartAsync(contact, stored, owner, targets, values, now, started).ConfigureAwait(false))
            {
                var moved = await MoveAsync(contact, stored.Kind, expectedState: 4, expectedAttempts: 1, owner, state: 1, null, started, null, Now, stored.Outcome, stored.ProviderMessageId).ConfigureAwait(false);
                claimed += moved ? 1 : 0;
            }
        }

        return claimed;
    }

    private async Task<int> FindSuppressionsAsync(string[] values)
    {
        var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(sql.FindSuppressions, connection);
            await using (command.ConfigureAwait(false))
            {
                AddAll(command.Parameters, [Text("account", "acme"), .. TargetArrays(values)]);
                var found = 0;
                var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        found++;
                    }
                }

                return found;
            }
        }
    }

    /// <summary>The claim and start of one follow-up in one batch; whether it started.</summary>
    private async Task<bool> ClaimAndStartAsync(string contact, Stored stored, string owner, string[] targets, string[] values, DateTimeOffset now, DateTimeOffset started)
    {
        var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                var claim = new NpgsqlBatchCommand(sql.Claim);
                AddAll(claim.Parameters,
                [
                    .. Key(contact, stored.Kind),
                    Text("claimId", owner),
                    Text("call", $"call-{contact}"),
                    new NpgsqlParameter<string[]>("targets", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = targets },
                    Json("message", stored.Message),
                    Time("claimed", now),
                    Time("deadline", now + Deadline),
                    .. Moving(state: 0, attempts: 0, started: null, owner, lease: now + Lease, due: now, completed: null, outcome: null, providerMessageId: null),
                    Time("hostNow", Now),
                ]);
                var share = new NpgsqlBatchCommand(sql.ShareList);
                share.Parameters.Add(Text("account", "acme"));
                var holder = new NpgsqlBatchCommand(sql.ClaimedBefore);
                AddAll(holder.Parameters, [.. Key(contact, stored.Kind), Text("claimId", owner)]);
                var listed = new NpgsqlBatchCommand(sql.FindSuppressions);
                AddAll(listed.Parameters, [Text("account", "acme"), .. TargetArrays(values)]);
                var start = new NpgsqlBatchCommand(sql.StartClaimed);
                AddAll(start.Parameters,
                [
                    .. Key(contact, stored.Kind),
                    .. Moving(state: 4, attempts: 1, started, owner, lease: started + Lease, due: null, completed: null, outcome: null, providerMessageId: null),
                    Small("expectedState", 0),
                    Int("expectedAttempts", 0),
                    Text("expectedOwner", owner),
                    Time("at", started),
                    .. TargetArrays(values),
                    Time("hostNow", Now),
                ]);
                batch.BatchCommands.Add(share);
                batch.BatchCommands.Add(claim);
                batch.BatchCommands.Add(holder);
                batch.BatchCommands.Add(listed);
                batch.BatchCommands.Add(start);
                var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.NextResultAsync().ConfigureAwait(false); // Past the lock's one row.
                    await reader.NextResultAsync().ConfigureAwait(false); // The claim's count: started says it all.
                    await reader.NextResultAsync().ConfigureAwait(false); // The holder: none for a new contact.
                    await reader.NextResultAsync().ConfigureAwait(false); // The list: nothing for this contact.
                    await reader.ReadAsync().ConfigureAwait(false);
                    return reader.GetInt64(0) == 1;
                }
            }
        }
    }

    private async Task<bool> MoveAsync(
        string contact, FollowUpKind kind, int expectedState, int expectedAttempts, string expectedOwner,
        int state, string? owner, DateTimeOffset started, DateTimeOffset? lease, DateTimeOffset? completed, string? outcome, string? providerMessageId)
    {
        var at = Now;
        var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(sql.Move, connection);
            await using (command.ConfigureAwait(false))
            {
                AddAll(command.Parameters,
                [
                    .. Key(contact, kind),
                    .. Moving(state, attempts: 1, started, owner, lease, due: null, completed, outcome, providerMessageId),
                    Small("expectedState", expectedState),
                    Int("expectedAttempts", expectedAttempts),
                    Text("expectedOwner", expectedOwner),
                    Time("at", at),
                    Time("hostNow", Now),
                ]);
                return (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))! == 1;
            }
        }
    }

    private static void AddAll(NpgsqlParameterCollection collection, IEnumerable<NpgsqlParameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            collection.Add(parameter);
        }
    }

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private static NpgsqlParameter[] Key(string contact, FollowUpKind kind) =>
        [Text("account", "acme"), Text("campaign", "recall"), Text("contact", contact), Small("kind", (int)kind)];

    private static NpgsqlParameter[] Moving(
        int state, int attempts, DateTimeOffset? started, string? owner, DateTimeOffset? lease, DateTimeOffset? due, DateTimeOffset? completed, string? outcome, string? providerMessageId) =>
        [
            Small("state", state),
            Int("attempts", attempts),
            Time("started", started),
            Text("owner", owner),
            Time("lease", lease),
            Time("due", due),
            Small("wait", 0),
            Time("completed", completed),
            Json("outcome", outcome),
            Text("providerMessageId", providerMessageId),
            Json("cancelRequest", null),
        ];

    private static NpgsqlParameter[] TargetArrays(string[] values) =>
    [
        new NpgsqlParameter<short[]>("kinds", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = [0, 1, 2] },
        new NpgsqlParameter<string[]>("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values },
    ];

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter<short> Small(string name, int value) => new NpgsqlParameter<short>(name, NpgsqlDbType.Smallint) { TypedValue = checked((short)value) };

    private static NpgsqlParameter<int> Int(string name, int value) => new NpgsqlParameter<int>(name, NpgsqlDbType.Integer) { TypedValue = value };

    private static NpgsqlParameter Time(string name, DateTimeOffset? value) => new(name, NpgsqlDbType.TimestampTz) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Json(string name, string? json) => new(name, NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value };
}
