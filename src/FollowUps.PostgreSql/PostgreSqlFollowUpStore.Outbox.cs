using FollowUps.PostgreSql.Storage;
using Npgsql;

namespace FollowUps.PostgreSql;

/// <summary>The outbox: claims, compare-and-set moves, reads; each claim and move with its history entry.</summary>
public sealed partial class PostgreSqlFollowUpStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One round trip: the insert with its history entry, and a read of the row that holds the key when it is not this
    /// claim's. The claim carries a claim id (the record's lease owner, else one made for this call), so a try after a
    /// commit whose answer was lost finds its own id and wins.
    /// </remarks>
    public async Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        var claimId = record.LeaseOwner ?? Guid.NewGuid().ToString("N");
        return await _database.RunAsync("claim a follow-up", async (connection, _) =>
        {
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                batch.BatchCommands.Add(BatchCommand(_sql.Claim, RecordRows.Claim(record, claimId)));
                batch.BatchCommands.Add(BatchCommand(_sql.ClaimHolder, [.. RecordRows.Key(record.Key), RecordRows.Text("claimId", claimId)]));
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    var inserted = reader.GetInt64(0) == 1;
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    return !inserted && await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                        ? new FollowUpClaim(false, RecordRows.Read(reader))
                        : new FollowUpClaim(true, record); // Inserted now, or by an earlier try whose answer was lost.
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One round trip, one transaction (a batch): the account's lock of the do-not-contact list taken shared (a write of
    /// the list takes it alone, so it comes wholly before this reads the list or after this commits), the claim with its
    /// history entry, the row that holds the key when this did not insert it, the list's entries for the targets, and
    /// the move to sending with its history entry, made only on the row this transaction inserted when none of its
    /// targets is on the list. A row this did not insert wins only as a try of this very claim after a commit whose
    /// answer was lost: its claim id, lease owner and claim time are this claim's (then it is answered as that try left
    /// it, started or not); any other row holds the key for another claim, or has moved on since, and the claim loses.
    /// </remarks>
    public async ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken)
    {
        Moves.CheckOneFollowUp(claim, sending);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        var claimId = claim.LeaseOwner ?? Guid.NewGuid().ToString("N");
        var at = _time.GetUtcNow();
        var accountId = claim.Key.AccountId;
        var listed = ListedTargets.Of(claim.Targets);
        return await _database.RunAsync("claim a follow-up and start its send", async (connection, _) =>
        {
            var batch = new NpgsqlBatch(connection);
            await using (batch.ConfigureAwait(false))
            {
                batch.BatchCommands.Add(BatchCommand(_sql.ShareList, [RecordRows.Text("account", accountId)]));
                batch.BatchCommands.Add(BatchCommand(_sql.Claim, RecordRows.Claim(claim, claimId)));
                batch.BatchCommands.Add(BatchCommand(_sql.ClaimedBefore, [.. RecordRows.Key(claim.Key), RecordRows.Text("claimId", claimId)]));
                batch.BatchCommands.Add(BatchCommand(_sql.FindSuppressions, ListedParameters(accountId, listed)));
                batch.BatchCommands.Add(BatchCommand(_sql.StartClaimed, [.. RecordRows.Key(sending.Key), .. RecordRows.Moving(sending), .. RecordRows.Expected(claim), RecordRows.Time("at", at), .. listed.Parameters()]));
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false); // Past the lock's one row.
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    var inserted = reader.GetInt64(0) == 1;
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    if (!inserted)
                    {
                        var holder = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                            ? RecordRows.Read(reader)
                            : throw new InvalidOperationException("A claim that inserted nothing found no row holding its key.");
                        var sameClaim = reader.GetBoolean(RecordRows.ColumnCount);
                        return new FollowUpStart(sameClaim && IsRetryOf(claim, holder), holder, null);
                    }

                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    var entry = await FirstListedAsync(reader, accountId, claim.Targets, cancellationToken).ConfigureAwait(false);
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (reader.GetInt64(0) == 1)
                    {
                        return new FollowUpStart(true, sending, null);
                    }

                    return entry is not null
                        ? new FollowUpStart(true, claim, entry)
                        : throw new InvalidOperationException("A follow-up this transaction claimed, with none of its targets on the list, refused its move to sending.");
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether <paramref name="holder"/>, a row with <paramref name="claim"/>'s claim id, is still as that claim left it
    /// (its lease owner and claim time, to the microsecond the server keeps): a try after a lost answer, not a row
    /// another worker has taken over or settled since.
    /// </summary>
    private static bool IsRetryOf(FollowUpRecord claim, FollowUpRecord holder) =>
        holder.LeaseOwner is not null && holder.LeaseOwner == claim.LeaseOwner && RecordRows.SameMicrosecond(holder.ClaimedAt, claim.ClaimedAt);

    /// <inheritdoc />
    /// <remarks>
    /// One statement: the compare-and-set and its history entry. A try after a commit whose answer was lost finds the
    /// row as this move left it (its state, attempts and lease owner) and reports it written.
    /// </remarks>
    public async Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
    {
        Moves.CheckOneFollowUp(current, next);
        cancellationToken.ThrowIfCancellationRequested();

        await OpenAsync().ConfigureAwait(false);
        var at = _time.GetUtcNow();
        return await _database.RunAsync("move a follow-up on", async (connection, @try) =>
        {
            var command = Command(connection, null, _sql.Move, [.. RecordRows.Key(next.Key), .. RecordRows.Moving(next), .. RecordRows.Expected(current), RecordRows.Time("at", at)]);
            await using (command.ConfigureAwait(false))
            {
                if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1)
                {
                    return true;
                }
            }

            // A try after a lost answer: the row as this move left it is this move's (its completion time is this worker's
            // clock to the microsecond, so another worker that reached the same state is not taken for this one).
            return @try > 1 && await FindOneAsync(connection, null, RecordRows.ByKey, RecordRows.Key(next.Key), cancellationToken).ConfigureAwait(false) is { } stored
                && stored.State == next.State && stored.Attempts == next.Attempts && stored.LeaseOwner == next.LeaseOwner
                && RecordRows.SameMicrosecond(stored.CompletedAt, next.CompletedAt);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.RunAsync("read a follow-up", (connection, _) =>
            FindOneAsync(connection, null, RecordRows.ByKey, RecordRows.Key(key), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(providerMessageId);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.RunAsync("read a follow-up by its provider message id", (connection, _) =>
            FindOneAsync(connection, null, "provider_message_id = @providerMessageId ORDER BY claimed_at LIMIT 1", [RecordRows.Text("providerMessageId", providerMessageId)], cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(callId);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.RunAsync<IReadOnlyList<FollowUpRecord>>("read a call's follow-ups", async (connection, _) =>
            await SelectAsync(connection, null, "account_id = @account AND call_id = @call ORDER BY kind", [RecordRows.Text("account", accountId), RecordRows.Text("call", callId)], cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The records <paramref name="where"/> selects.</summary>
    private async Task<List<FollowUpRecord>> SelectAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, IEnumerable<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, $"{_sql.Select} {where};", parameters);
        await using (command.ConfigureAwait(false))
        {
            return await RecordRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The first record <paramref name="where"/> selects, or <see langword="null"/>.</summary>
    private async Task<FollowUpRecord?> FindOneAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, IEnumerable<NpgsqlParameter> parameters, CancellationToken cancellationToken) =>
        (await SelectAsync(connection, transaction, where, parameters, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
}
