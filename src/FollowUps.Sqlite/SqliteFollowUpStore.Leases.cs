using System.Globalization;
using System.Text;
using FollowUps.Sqlite.Storage;
using Microsoft.Data.Sqlite;
using static FollowUps.Sqlite.Storage.SqliteDatabase;

namespace FollowUps.Sqlite;

/// <summary>The outbox: leases for dispatchers, cancellation by a new suppression, delivery reports; each change with its history entry.</summary>
public sealed partial class SqliteFollowUpStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One write transaction: the rows that need a worker, less the request's skipped accounts and kinds, oldest due
    /// first, stamped with the request's owner and the lease's end. The statement (<see cref="LeaseRows"/>) walks an index
    /// in lease order and stops at its limit: the due-order index, or with a per-account limit or skipped senders, each
    /// sender's oldest rows; so it costs what it leases, not what is due.
    /// </remarks>
    public async Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (owner, now, leaseUntil) = (request.Owner, request.Now, request.LeaseUntil);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        var (sql, parameters) = LeaseRows.Select(request);
        return await _database.WriteAsync<IReadOnlyList<FollowUpRecord>>("lease due follow-ups", async (connection, transaction) =>
        {
            List<FollowUpRecord> due;
            var select = Command(connection, transaction, sql, parameters);
            await using (select.ConfigureAwait(false))
            {
                due = await RecordRows.ReadAsync(select, cancellationToken).ConfigureAwait(false);
            }

            var leased = new List<FollowUpRecord>(due.Count);
            foreach (var record in due)
            {
                await ExecuteAsync(
                    connection, transaction, $"UPDATE follow_ups SET lease_owner = $owner, lease_expires_at = $lease WHERE {RecordRows.ByKey};", cancellationToken,
                    [.. RecordRows.Key(record.Key), ("$owner", owner), ("$lease", Ticks.Of(leaseUntil))]).ConfigureAwait(false);
                leased.Add(record with { LeaseOwner = owner, LeaseExpiresAt = leaseUntil });
            }

            return leased;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FollowUpRecord>> CancelPendingAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(outcome);
        cancellationToken.ThrowIfCancellationRequested();
        if (targets.Count == 0)
        {
            return [];
        }

        await OpenAsync().ConfigureAwait(false);
        var (matching, parameters) = TargetsClause(accountId, targets);
        return await _database.WriteAsync<IReadOnlyList<FollowUpRecord>>("cancel pending follow-ups", async (connection, transaction) =>
        {
            var pending = await SelectAsync(
                connection, transaction,
                $"state IN (0, 5) AND (account_id, campaign_id, contact_id, kind) IN (SELECT account_id, campaign_id, contact_id, kind FROM follow_up_targets WHERE {matching}) ORDER BY kind, campaign_id, contact_id",
                cancellationToken, parameters).ConfigureAwait(false);
            var cancelled = new List<FollowUpRecord>(pending.Count);
            foreach (var record in pending.Where(record => record.Delivery?.IsAboutLastAttemptOf(record) != true)) // It went after all: left to be recorded as sent.
            {
                var next = record.CancelledWith(outcome, now);
                await ExecuteAsync(connection, transaction, $"{RecordRows.Move} WHERE {RecordRows.ByKey};", cancellationToken, [.. RecordRows.Key(record.Key), .. RecordRows.Moving(next)]).ConfigureAwait(false);
                var entry = new FollowUpHistoryEntry { At = now, State = next.State, Attempt = next.Attempts, Outcome = next.Outcome };
                await ExecuteAsync(connection, transaction, HistoryRows.Append, cancellationToken, [.. RecordRows.Key(record.Key), .. HistoryRows.Entry(entry)]).ConfigureAwait(false);
                cancelled.Add(next);
            }

            return cancelled;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.WriteAsync("record a delivery report", async (connection, transaction) =>
        {
            var found = report.Key is { } named ? await FindOneAsync(connection, transaction, RecordRows.ByKey, cancellationToken, RecordRows.Key(named)).ConfigureAwait(false) : null;
            found ??= await FindOneAsync(connection, transaction, "provider_message_id = $providerMessageId ORDER BY claimed_at LIMIT 1", cancellationToken, ("$providerMessageId", report.ProviderMessageId)).ConfigureAwait(false);
            if (found is null)
            {
                return DeliveryUpdate.UnknownMessage;
            }

            var entry = new FollowUpHistoryEntry { At = report.ReceivedAt, State = found.State, Attempt = report.Attempt ?? found.Attempts, Delivery = report };
            var update = !report.IsAboutLastAttemptOf(found) ? DeliveryUpdate.OtherAttempt
                : report.Advances(found.Delivery?.Status) ? DeliveryUpdate.Applied
                : DeliveryUpdate.Stale;
            if (update == DeliveryUpdate.Applied)
            {
                // A waiting or unknown follow-up is also released and due now, as the outbox rules say: a worker holding it
                // cannot start another attempt, and the next dispatcher records it as sent.
                await ExecuteAsync(
                    connection, transaction,
                    $"""
                    UPDATE follow_ups SET delivery = $delivery,
                        lease_owner = CASE WHEN state IN (3, 5) THEN NULL ELSE lease_owner END,
                        lease_expires_at = CASE WHEN state IN (3, 5) THEN NULL ELSE lease_expires_at END,
                        due_at = CASE WHEN state IN (3, 5) THEN $now ELSE due_at END
                    WHERE {RecordRows.ByKey};
                    """,
                    cancellationToken,
                    [.. RecordRows.Key(found.Key), ("$delivery", StoredConvert.Delivery(report)), ("$now", Ticks.Of(_time.GetUtcNow()))]).ConfigureAwait(false);
            }

            if (update != DeliveryUpdate.Stale)
            {
                await ExecuteAsync(connection, transaction, HistoryRows.Append, cancellationToken, [.. RecordRows.Key(found.Key), .. HistoryRows.Entry(entry)]).ConfigureAwait(false);
            }

            return update;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The record <paramref name="where"/> selects first, or <see langword="null"/> when none.</summary>
    private static async Task<FollowUpRecord?> FindOneAsync(SqliteConnection connection, SqliteTransaction transaction, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        (await SelectAsync(connection, transaction, where, cancellationToken, parameters).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>A WHERE clause over <c>follow_up_targets</c> (or <c>suppressions</c>) matching any of <paramref name="targets"/> in <paramref name="accountId"/>.</summary>
    private static (string Clause, (string Name, object? Value)[] Parameters) TargetsClause(string accountId, IReadOnlyCollection<SuppressionTarget> targets)
    {
        var clause = new StringBuilder("account_id = $account AND (");
        var parameters = new List<(string, object?)> { ("$account", accountId) };
        foreach (var (target, i) in targets.Distinct().Select((target, i) => (target, i)))
        {
            clause.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : " OR ")}(target_kind = $k{i} AND value = $v{i})");
            parameters.Add(($"$k{i}", (int)target.Kind));
            parameters.Add(($"$v{i}", target.Value));
        }

        return (clause.Append(')').ToString(), [.. parameters]);
    }
}
