using FollowUps.PostgreSql.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FollowUps.PostgreSql;

/// <summary>The do-not-contact list.</summary>
public sealed partial class PostgreSqlFollowUpStore
{
    /// <inheritdoc />
    public async Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(targets);
        cancellationToken.ThrowIfCancellationRequested();
        if (targets.Count == 0)
        {
            return null;
        }

        await OpenAsync().ConfigureAwait(false);
        var listed = ListedTargets.Of(targets);
        return await _database.RunAsync("read the do-not-contact list", async (connection, _) =>
        {
            var command = Command(connection, null, _sql.FindSuppressions, ListedParameters(accountId, listed));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await FirstListedAsync(reader, accountId, targets, cancellationToken).ConfigureAwait(false);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The parameters of <see cref="Statements.FindSuppressions"/>: the account, and the targets.</summary>
    private static NpgsqlParameter[] ListedParameters(string accountId, ListedTargets targets) =>
        [RecordRows.Text("account", accountId), .. targets.Parameters()];

    /// <summary>
    /// A follow-up's targets as the list's statements take them, <c>@kinds</c> and <c>@values</c>, two arrays read
    /// pairwise: made once per call, for each statement that reads the list (a parameter belongs to one statement).
    /// </summary>
    private readonly record struct ListedTargets(short[] Kinds, string[] Values)
    {
        public static ListedTargets Of(IReadOnlyCollection<SuppressionTarget> targets) =>
            new([.. targets.Select(target => (short)target.Kind)], [.. targets.Select(target => target.Value)]);

        public NpgsqlParameter[] Parameters() =>
        [
            new NpgsqlParameter<short[]>("kinds", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = Kinds },
            new NpgsqlParameter<string[]>("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = Values },
        ];
    }

    /// <summary>Reads the current result's entries (<see cref="Statements.FindSuppressions"/>): the first of <paramref name="targets"/>, in the order given, that is on the list.</summary>
    private static async Task<SuppressionEntry?> FirstListedAsync(NpgsqlDataReader reader, string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken)
    {
        var found = new List<SuppressionEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var target = new SuppressionTarget(StoredConvert.Defined<SuppressionTargetKind>(reader.GetInt16(0)), reader.GetString(1));
            found.Add(new SuppressionEntry { AccountId = accountId, Target = target, Reason = StoredConvert.Defined<SuppressionReason>(reader.GetInt16(2)), CreatedAt = reader.GetFieldValue<DateTimeOffset>(3) });
        }

        return targets.Select(target => found.Find(entry => entry.Target == target)).FirstOrDefault(entry => entry is not null);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One round trip, one transaction: the account's lock of the list (<see cref="ClaimAndStartAsync"/> reads the list
    /// under it), then the entry; one for a target already on the list replaces it only as
    /// <see cref="SuppressionEntry.Replaces"/> says.
    /// </remarks>
    public async Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        await WriteListAsync("add to the do-not-contact list", entry.AccountId, _sql.AddSuppression, [.. TargetParameters(entry.AccountId, entry.Target), RecordRows.Small("reason", (int)entry.Reason), RecordRows.Time("created", entry.CreatedAt)], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>One round trip, one transaction: the account's lock of the list, then the removal.</remarks>
    public async Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await WriteListAsync("remove from the do-not-contact list", accountId, _sql.RemoveSuppression, TargetParameters(accountId, target), cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Runs <paramref name="sql"/>, a write of <paramref name="accountId"/>'s list, under the account's lock of the list; returns the rows it changed.</summary>
    private Task<int> WriteListAsync(string operation, string accountId, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        _database.RunAsync(operation, async (connection, _) =>
        {
            var batch = new NpgsqlBatch(connection); // One implicit transaction: the lock is held until the write commits.
            await using (batch.ConfigureAwait(false))
            {
                batch.BatchCommands.Add(BatchCommand(_sql.LockList, [RecordRows.Text("account", accountId)]));
                batch.BatchCommands.Add(BatchCommand(sql, parameters));
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return batch.BatchCommands[1].RecordsAffected;
            }
        }, cancellationToken);

    private static NpgsqlParameter[] TargetParameters(string accountId, SuppressionTarget target) =>
        [RecordRows.Text("account", accountId), RecordRows.Small("targetKind", (int)target.Kind), RecordRows.Text("value", target.Value)];
}
