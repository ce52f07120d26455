using System.Globalization;
using System.Text;
using FollowUps.Sqlite.Storage;
using static FollowUps.Sqlite.Storage.SqliteDatabase;

namespace FollowUps.Sqlite;

/// <summary>What an operator reads: follow-ups listed by a query, a page at a time, and a follow-up's history.</summary>
public sealed partial class SqliteFollowUpStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The filters are SQL over the index on (account, claim time, campaign, contact, kind), and the next page starts after
    /// <see cref="FollowUpQuery.After"/> by a row-value comparison on that order (a keyset, so a page costs the same however
    /// deep it is). Text compares as SQLite's binary collation (UTF-8 bytes), which is the ordinal order for every string
    /// without characters beyond U+FFFF.
    /// </remarks>
    public async Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var (where, parameters) = ListClause(query);
        await OpenAsync().ConfigureAwait(false);
        return await _database.RunAsync<IReadOnlyList<FollowUpRecord>>("list follow-ups", async connection =>
            await SelectAsync(connection, null, $"{where} ORDER BY {RecordRows.ListOrder} LIMIT $limit", cancellationToken, parameters).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await OpenAsync().ConfigureAwait(false);
        return await _database.ReadAsync<IReadOnlyList<FollowUpHistoryEntry>>("read a follow-up's history", async connection =>
        {
            var command = Command(connection, null, HistoryRows.Select, RecordRows.Key(key));
            await using (command.ConfigureAwait(false))
            {
                return await HistoryRows.ReadAsync(command, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The WHERE clause and parameters that select <paramref name="query"/>'s page (with <c>$limit</c>).</summary>
    private static (string Where, (string Name, object? Value)[] Parameters) ListClause(FollowUpQuery query)
    {
        var where = new StringBuilder("account_id = $account");
        var parameters = new List<(string, object?)> { ("$account", query.AccountId), ("$limit", query.Limit) };
        if (query.CampaignId is { } campaign)
        {
            where.Append(" AND campaign_id = $campaign");
            parameters.Add(("$campaign", campaign));
        }

        if (query.States is { Count: > 0 } states)
        {
            var names = states.Distinct().Select((state, i) => (Name: string.Create(CultureInfo.InvariantCulture, $"$state{i}"), State: state)).ToList();
            where.Append(CultureInfo.InvariantCulture, $" AND state IN ({string.Join(", ", names.Select(n => n.Name))})");
            parameters.AddRange(names.Select(n => (n.Name, (object?)(int)n.State)));
        }

        if (query.ClaimedBefore is { } before)
        {
            where.Append(" AND claimed_at < $claimedBefore");
            parameters.Add(("$claimedBefore", Ticks.Of(before)));
        }

        if (query.ClaimedSince is { } since)
        {
            where.Append(" AND claimed_at >= $claimedSince");
            parameters.Add(("$claimedSince", Ticks.Of(since)));
        }

        if (query.After is { } after)
        {
            where.Append($" AND ({RecordRows.ListOrder}) > ($afterClaimed, $afterCampaign, $afterContact, $afterKind)");
            parameters.AddRange([("$afterClaimed", Ticks.Of(after.ClaimedAt)), ("$afterCampaign", after.Key.CampaignId), ("$afterContact", after.Key.ContactId), ("$afterKind", (int)after.Key.Kind)]);
        }

        return (where.ToString(), [.. parameters]);
    }
}
