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
        return await _database.RunAsync("read the do-not-contact list", async (connection, _) =>
        {
            var command = Command(
                connection, null, _sql.FindSuppressions,
                [
                    RecordRows.Text("account", accountId),
                    new NpgsqlParameter<short[]>("kinds", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = [.. targets.Select(target => (short)target.Kind)] },
                    new NpgsqlParameter<string[]>("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. targets.Select(target => target.Value)] },
                ]);
            var found = new List<SuppressionEntry>();
            await using (command.ConfigureAwait(false))
            {
                var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (row.ConfigureAwait(false))
                {
                    while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var target = new SuppressionTarget(StoredConvert.Defined<SuppressionTargetKind>(row.GetInt16(0)), row.GetString(1));
                        found.Add(new SuppressionEntry { AccountId = accountId, Target = target, Reason = StoredConvert.Defined<SuppressionReason>(row.GetInt16(2)), CreatedAt = row.GetFieldValue<DateTimeOffset>(3) });
                    }
                }
            }

            // The first of the targets, in the order given, that is on the list.
            return targets.Select(target => found.Find(entry => entry.Target == target)).FirstOrDefault(entry => entry is not null);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>One statement: an entry for a target already on the list replaces it only as <see cref="SuppressionEntry.Replaces"/> says.</remarks>
    public async Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        await _database.RunAsync("add to the do-not-contact list", async (connection, _) =>
        {
            var command = Command(connection, null, _sql.AddSuppression, [.. TargetParameters(entry.AccountId, entry.Target), RecordRows.Small("reason", (int)entry.Reason), RecordRows.Time("created", entry.CreatedAt)]);
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.RunAsync("remove from the do-not-contact list", async (connection, _) =>
        {
            var command = Command(connection, null, _sql.RemoveSuppression, TargetParameters(accountId, target));
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter[] TargetParameters(string accountId, SuppressionTarget target) =>
        [RecordRows.Text("account", accountId), RecordRows.Small("targetKind", (int)target.Kind), RecordRows.Text("value", target.Value)];
}
