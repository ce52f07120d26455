using FollowUps.PostgreSql.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FollowUps.PostgreSql;

/// <summary>The outbox: leases for dispatchers, cancellation by a new suppression, delivery reports; each change with its history entry.</summary>
public sealed partial class PostgreSqlFollowUpStore
{
    /// <inheritdoc />
    /// <remarks>
    /// One statement, so one short transaction: the due rows no other dispatcher is taking (<c>FOR UPDATE SKIP
    /// LOCKED</c>), oldest due first, stamped with the request's owner and the lease's end. On the database's clock
    /// (<see cref="PostgreSqlStoreOptions.UseDatabaseClock"/>) "due" is by the database's <c>now()</c> and the lease lasts
    /// the request's <c>LeaseUntil − Now</c> from it. Skipped accounts and kinds are an array parameter. With a
    /// per-account limit below the batch size the statement walks the senders (account and kind) with unfinished rows
    /// through their index, one seek each, and locks each one's oldest due rows up to the limit as it reads them, so a
    /// large backlog of one account is neither read nor locked, and concurrent dispatchers get different rows; it
    /// briefly locks up to the limit per sender (at most the batch size), more than it leases. Without such a limit the
    /// statement is the plain ordered, limited scan of the due rows.
    /// </remarks>
    public async Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        var (sql, perAccount, skip) = request.MaxPerAccount < request.Max ? (_sql.LeaseDueByAccount, true, true)
            : request.Skip.Count > 0 ? (_sql.LeaseDueSkipping, false, true)
            : (_sql.LeaseDue, false, false);
        return await _database.RunAsync<IReadOnlyList<FollowUpRecord>>("lease due follow-ups", async (connection, _) =>
        {
            NpgsqlParameter[] parameters =
            [
                RecordRows.Text("owner", request.Owner), RecordRows.Time("hostNow", request.Now), RecordRows.Time("leaseUntil", request.LeaseUntil), RecordRows.Int("max", request.Max),
                .. perAccount ? [RecordRows.Int("perAccount", request.MaxPerAccount)] : Array.Empty<NpgsqlParameter>(),
                .. skip ? [RecordRows.Skip(request.Skip)] : Array.Empty<NpgsqlParameter>(),
            ];
            var command = Command(connection, null, sql, parameters);
            await using (command.ConfigureAwait(false))
            {
                var leased = await RecordRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
                return [.. leased.OrderBy(record => record.DueAt ?? record.ClaimedAt)];
            }
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
        return await _database.WriteAsync<IReadOnlyList<FollowUpRecord>>("cancel pending follow-ups", async (connection, transaction, @try) =>
        {
            // An earlier try may have committed before its answer was lost: what it cancelled, this call cancelled (read
            // before this try cancels anything, which the same read would find too).
            var cancelled = @try > 1 ? [.. await CancelledByThisCallAsync(connection, transaction, accountId, targets, outcome, now, cancellationToken).ConfigureAwait(false)] : new List<FollowUpRecord>();
            var command = Command(connection, transaction, _sql.Pending, [RecordRows.Text("account", accountId), TargetsParameter(targets)]);
            List<FollowUpRecord> pending;
            await using (command.ConfigureAwait(false))
            {
                pending = await RecordRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            }

            foreach (var record in pending.Where(record => record.Delivery?.IsAboutLastAttemptOf(record) != true)) // It went after all: left to be recorded as sent.
            {
                var next = record.CancelledWith(outcome, now);
                var move = Command(connection, transaction, _sql.Move, [.. RecordRows.Key(record.Key), .. RecordRows.Moving(next), .. RecordRows.Expected(record), RecordRows.Time("at", now)]);
                await using (move.ConfigureAwait(false))
                {
                    await move.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false); // The row is locked: the compare holds.
                }

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
        return await _database.WriteAsync("record a delivery report", async (connection, transaction, @try) =>
        {
            var found = report.Key is { } named ? await FindOneAsync(connection, transaction, $"{RecordRows.ByKey} FOR UPDATE", RecordRows.Key(named), cancellationToken).ConfigureAwait(false) : null;
            found ??= await FindOneAsync(connection, transaction, "provider_message_id = @providerMessageId ORDER BY claimed_at LIMIT 1 FOR UPDATE", [RecordRows.Text("providerMessageId", report.ProviderMessageId)], cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return DeliveryUpdate.UnknownMessage;
            }

            if (@try > 1 && await IsReportKeptAsync(connection, transaction, found.Key, report, cancellationToken).ConfigureAwait(false))
            {
                // An earlier try committed before its answer was lost: answer as it did, and keep the report once.
                return report.IsAboutLastAttemptOf(found) ? DeliveryUpdate.Applied : DeliveryUpdate.OtherAttempt;
            }

            var update = !report.IsAboutLastAttemptOf(found) ? DeliveryUpdate.OtherAttempt
                : report.Advances(found.Delivery?.Status) ? DeliveryUpdate.Applied
                : DeliveryUpdate.Stale;
            if (update == DeliveryUpdate.Stale)
            {
                return update;
            }

            var command = Command(
                connection, transaction, _sql.Report,
                [
                    .. RecordRows.Key(found.Key),
                    new NpgsqlParameter<bool>("apply", NpgsqlDbType.Boolean) { TypedValue = update == DeliveryUpdate.Applied },
                    RecordRows.Json("delivery", StoredConvert.Delivery(report)),
                    RecordRows.Time("at", report.ReceivedAt),
                    RecordRows.Small("historyState", (int)found.State),
                    RecordRows.Int("historyAttempt", report.Attempt ?? found.Attempts),
                ]);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return update;
        }, cancellationToken).ConfigureAwait(false);
    }
    /// <summary>The follow-ups an earlier try of this cancel ended: cancelled at <paramref name="now"/> with <paramref name="outcome"/>, by one of <paramref name="targets"/>.</summary>
    private async Task<IEnumerable<FollowUpRecord>> CancelledByThisCallAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = Command(
            connection, transaction, _sql.CancelledAt,
            [RecordRows.Text("account", accountId), RecordRows.Small("cancelled", (int)FollowUpState.Cancelled), RecordRows.Time("completed", now), TargetsParameter(targets)]);
        await using (command.ConfigureAwait(false))
        {
            var ended = await RecordRows.ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            return ended.Where(record => Equals(StoredConvert.Outcome(record.Outcome), StoredConvert.Outcome(outcome with { Kind = record.Key.Kind })));
        }
    }

    /// <summary>Whether <paramref name="report"/> is in the history of <paramref name="key"/> already.</summary>
    private async Task<bool> IsReportKeptAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FollowUpKey key, DeliveryReport report, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, _sql.ReportKept, [.. RecordRows.Key(key), RecordRows.Json("delivery", StoredConvert.Delivery(report)), RecordRows.Time("at", report.ReceivedAt)]);
        await using (command.ConfigureAwait(false))
        {
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    private static NpgsqlParameter<string[]> TargetsParameter(IReadOnlyCollection<SuppressionTarget> targets) =>
        new("targets", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = RecordRows.Targets(targets) };
}
