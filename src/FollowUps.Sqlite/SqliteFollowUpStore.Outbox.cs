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
        return await _database.WriteAsync("claim a follow-up", async (connection, transaction) => (await ClaimAsync(connection, transaction, record, cancellationToken).ConfigureAwait(false)).Claim, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
    {
        Moves.CheckOneFollowUp(current, next);
        cancellationToken.ThrowIfCancellationRequested();

        await OpenAsync().ConfigureAwait(false);
        var parameters = MoveParameters(current, next);
        return await _database.WriteAsync("move a follow-up on", (connection, transaction) => MoveAsync(connection, transaction, parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken)
    {
        Moves.CheckOneFollowUp(claim, sending);
        cancellationToken.ThrowIfCancellationRequested();

        await OpenAsync().ConfigureAwait(false);
        var move = MoveParameters(claim, sending);
        return await _database.WriteAsync("claim a follow-up and start its send", async (connection, transaction) =>
        {
            // The claim, the list and the move in one BEGIN IMMEDIATE transaction: an entry added to the list (a write) is
            // wholly before or after it, in this process or another on the file.
            var (claimed, stored) = await ClaimAsync(connection, transaction, claim, cancellationToken).ConfigureAwait(false);
            if (!stored)
            {
                return new FollowUpStart(claimed.Won, claimed.Record, null);
            }

            if (await FirstSuppressionAsync(connection, transaction, claim.Key.AccountId, claim.Targets, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                return new FollowUpStart(true, claim, entry);
            }

            return await MoveAsync(connection, transaction, move, cancellationToken).ConfigureAwait(false)
                ? new FollowUpStart(true, sending, null)
                : throw new InvalidOperationException("A follow-up claimed in this transaction refused its move to sending.");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores <paramref name="record"/> unless its key is claimed: the claim's answer, and whether this claim stored it (not a retry that found its own).</summary>
    private static async Task<(FollowUpClaim Claim, bool Stored)> ClaimAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, FollowUpRecord record, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(connection, transaction, RecordRows.InsertWithHistoryAndTargets, cancellationToken, RecordRows.Claim(record)).ConfigureAwait(false) >= 1)
        {
            return (new FollowUpClaim(true, record), true);
        }

        var stored = (await SelectAsync(connection, transaction, RecordRows.ByKey, cancellationToken, RecordRows.Key(record.Key)).ConfigureAwait(false)).Single();
        var won = stored.ClaimedAt == record.ClaimedAt && stored.LeaseOwner is not null && stored.LeaseOwner == record.LeaseOwner;
        return (new FollowUpClaim(won, stored), false);
    }

    /// <summary>The parameters of <see cref="MoveWithHistory"/> for the move from <paramref name="current"/> to <paramref name="next"/>, at the store's time.</summary>
    private (string, object?)[] MoveParameters(FollowUpRecord current, FollowUpRecord next) =>
        [
            .. RecordRows.Key(next.Key), .. RecordRows.Moving(next),
            ("$expectedState", (int)current.State), ("$expectedAttempts", current.Attempts), ("$expectedOwner", current.LeaseOwner), ("$at", Ticks.Of(_time.GetUtcNow())),
        ];

    /// <summary>
    /// The move and its history entry: one command of two statements, the entry first (its condition reads the row as it
    /// was), in the caller's transaction. It changes 0 rows (refused), 1 (a lease alone moved) or 2 (a move and its entry).
    /// </summary>
    private static async Task<bool> MoveAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, (string, object?)[] parameters, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, MoveWithHistory, cancellationToken, parameters).ConfigureAwait(false) >= 1;

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
