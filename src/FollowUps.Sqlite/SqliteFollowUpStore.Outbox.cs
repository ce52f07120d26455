using FollowUps.Sqlite.Storage;
using static FollowUps.Sqlite.Storage.SqliteDatabase;

namespace FollowUps.Sqlite;

/// <summary>The outbox: claims, compare-and-set moves, reads; each claim and move with its history entry, in one command.</summary>
public sealed partial class SqliteFollowUpStore
{
    private const string MoveWithHistory = $"{HistoryRows.AppendMove}\n{RecordRows.Move} WHERE {RecordRows.ByKey} AND {RecordRows.Expected};";

    /// <inheritdoc />
    public async Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.WriteAsync("claim a follow-up", async (connection, transaction) =>
        {
            if (await ExecuteAsync(connection, transaction, RecordRows.InsertWithHistoryAndTargets, cancellationToken, RecordRows.Claim(record)).ConfigureAwait(false) >= 1)
            {
                return new FollowUpClaim(true, record);
            }

            var stored = (await SelectAsync(connection, transaction, RecordRows.ByKey, cancellationToken, RecordRows.Key(record.Key)).ConfigureAwait(false)).Single();
            var won = stored.ClaimedAt == record.ClaimedAt && stored.LeaseOwner is not null && stored.LeaseOwner == record.LeaseOwner;
            return new FollowUpClaim(won, stored);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        cancellationToken.ThrowIfCancellationRequested();
        if (current.Key != next.Key)
        {
            throw new ArgumentException("A follow-up cannot become another one.", nameof(next));
        }

        await OpenAsync().ConfigureAwait(false);
        (string, object?)[] parameters =
        [
            .. RecordRows.Key(next.Key), .. RecordRows.Moving(next),
            ("$expectedState", (int)current.State), ("$expectedAttempts", current.Attempts), ("$expectedOwner", current.LeaseOwner), ("$at", Ticks.Of(_time.GetUtcNow())),
        ];
        return await _database.WriteAsync("move a follow-up on", async (connection, transaction) =>
        {
            // One command of two statements, the entry first (its condition reads the row as it was), in one transaction:
            // both or neither commit. It changes 0 rows (refused), 1 (a lease alone moved) or 2 (a move and its entry).
            return await ExecuteAsync(connection, transaction, MoveWithHistory, cancellationToken, parameters).ConfigureAwait(false) >= 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.ReadAsync("read a follow-up", async connection =>
            (await SelectAsync(connection, null, RecordRows.ByKey, cancellationToken, RecordRows.Key(key)).ConfigureAwait(false)).SingleOrDefault(),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerMessageId);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.ReadAsync("read a follow-up by its provider message id", async connection =>
            (await SelectAsync(connection, null, "provider_message_id = $providerMessageId ORDER BY claimed_at LIMIT 1", cancellationToken, ("$providerMessageId", providerMessageId)).ConfigureAwait(false)).SingleOrDefault(),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(callId);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.ReadAsync<IReadOnlyList<FollowUpRecord>>("read a call's follow-ups", async connection =>
            await SelectAsync(connection, null, "account_id = $account AND call_id = $call ORDER BY kind", cancellationToken, ("$account", accountId), ("$call", callId)).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The records <paramref name="where"/> selects.</summary>
    private static async Task<List<FollowUpRecord>> SelectAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, $"SELECT {RecordRows.Columns} FROM follow_ups WHERE {where};", parameters);
        await using (command.ConfigureAwait(false))
        {
            return await RecordRows.ReadAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }
}
