using static FollowUps.Sqlite.Storage.SqliteDatabase;

namespace FollowUps.Sqlite;

/// <summary>The do-not-contact list.</summary>
public sealed partial class SqliteFollowUpStore
{
    private const string ByTarget = "account_id = $account AND target_kind = $targetKind AND value = $value";

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
        return await _database.ReadAsync("read the do-not-contact list", connection => FirstSuppressionAsync(connection, null, accountId, targets, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first entry of <paramref name="accountId"/> that matches one of <paramref name="targets"/>, in their order.</summary>
    private static async Task<SuppressionEntry?> FirstSuppressionAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            if (await SuppressionAsync(connection, transaction, accountId, target, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                return entry;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        await _database.WriteAsync("add to the do-not-contact list", async (connection, transaction) =>
        {
            var existing = await SuppressionAsync(connection, transaction, entry.AccountId, entry.Target, cancellationToken).ConfigureAwait(false);
            if (existing is null || entry.Replaces(existing))
            {
                await ExecuteAsync(
                    connection, transaction,
                    "INSERT INTO suppressions (account_id, target_kind, value, reason, created_at) VALUES ($account, $targetKind, $value, $reason, $created) ON CONFLICT DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at;",
                    cancellationToken,
                    [.. TargetParameters(entry.AccountId, entry.Target), ("$reason", (int)entry.Reason), ("$created", Ticks.Of(entry.CreatedAt))]).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.RunAsync("remove from the do-not-contact list", async connection =>
            await ExecuteAsync(connection, null, $"DELETE FROM suppressions WHERE {ByTarget};", cancellationToken, TargetParameters(accountId, target)).ConfigureAwait(false) == 1,
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SuppressionEntry?> SuppressionAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, string accountId, SuppressionTarget target, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, $"SELECT reason, created_at FROM suppressions WHERE {ByTarget};", TargetParameters(accountId, target));
        await using (command.ConfigureAwait(false))
        {
            var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (row.ConfigureAwait(false))
            {
                return await row.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new SuppressionEntry { AccountId = accountId, Target = target, Reason = StoredConvert.Defined<SuppressionReason>(row.GetInt64(0)), CreatedAt = Ticks.Time(row.GetInt64(1)) }
                    : null;
            }
        }
    }

    private static (string, object?)[] TargetParameters(string accountId, SuppressionTarget target) =>
        [("$account", accountId), ("$targetKind", (int)target.Kind), ("$value", target.Value)];
}
