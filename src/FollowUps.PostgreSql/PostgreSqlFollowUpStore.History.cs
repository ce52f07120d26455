using System.Globalization;
using System.Text;
using FollowUps.PostgreSql.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FollowUps.PostgreSql;

/// <summary>What an operator reads: follow-ups listed by a query, a page at a time, and a follow-up's history.</summary>
public sealed partial class PostgreSqlFollowUpStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The filters are SQL over the index on (account, claim time, campaign, contact, kind), and the next page starts after
    /// <see cref="FollowUpQuery.After"/> by a row-value comparison on that order (a keyset, so a page costs the same however
    /// deep it is). Identifiers compare as bytes (<c>COLLATE "C"</c>), the ordinal order of every string without
    /// characters beyond U+FFFF.
    /// </remarks>
    public async Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.RunAsync<IReadOnlyList<FollowUpRecord>>("list follow-ups", async (connection, _) =>
        {
            var (where, parameters) = ListClause(query);
            return await SelectAsync(connection, null, $"{where} ORDER BY {RecordRows.ListOrder} LIMIT @limit", parameters, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.RunAsync<IReadOnlyList<FollowUpHistoryEntry>>("read a follow-up's history", async (connection, _) =>
        {
            var command = Command(connection, null, _sql.History, RecordRows.Key(key));
            await using (command.ConfigureAwait(false))
            {
                var entries = new List<FollowUpHistoryEntry>();
                var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (row.ConfigureAwait(false))
                {
                    while (await row.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        entries.Add(new FollowUpHistoryEntry
                        {
                            At = row.GetFieldValue<DateTimeOffset>(0),
                            State = StoredConvert.Defined<FollowUpState>(row.GetInt16(1)),
                            Attempt = row.GetInt32(2),
                            Outcome = StoredConvert.Outcome(row.IsDBNull(3) ? null : row.GetString(3)),
                            Delivery = StoredConvert.Delivery(row.IsDBNull(4) ? null : row.GetString(4)),
                        });
                    }
                }

                return entries;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The WHERE clause and parameters that select <paramref name="query"/>'s page (with <c>@limit</c>).</summary>
    private static (string Where, List<NpgsqlParameter> Parameters) ListClause(FollowUpQuery query)
    {
        var where = new StringBuilder("account_id = @account");
        var parameters = new List<NpgsqlParameter> { RecordRows.Text("account", query.AccountId), RecordRows.Int("limit", query.Limit) };
        if (query.CampaignId is { } campaign)
        {
            where.Append(" AND campaign_id = @campaign");
            parameters.Add(RecordRows.Text("campaign", campaign));
        }

        if (query.States is { Count: > 0 } states)
        {
            where.Append(" AND state = ANY(@states)");
            parameters.Add(new NpgsqlParameter<short[]>("states", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = [.. states.Distinct().Select(state => (short)state)] });
        }

        if (query.ClaimedBefore is { } before)
        {
            where.Append(" AND claimed_at < @claimedBefore");
            parameters.Add(RecordRows.Time("claimedBefore", before));
        }

        if (query.ClaimedSince is { } since)
        {
            where.Append(" AND claimed_at >= @claimedSince");
            parameters.Add(RecordRows.Time("claimedSince", since));
        }

        if (query.After is { } after)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND ({RecordRows.ListOrder}) > (@afterClaimed, @afterCampaign, @afterContact, @afterKind)");
            parameters.AddRange([RecordRows.Time("afterClaimed", after.ClaimedAt), RecordRows.Text("afterCampaign", after.Key.CampaignId), RecordRows.Text("afterContact", after.Key.ContactId), RecordRows.Small("afterKind", (int)after.Key.Kind)]);
        }

        return (where.ToString(), parameters);
    }
}
