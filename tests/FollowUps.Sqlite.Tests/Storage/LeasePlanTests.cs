using FollowUps.Sqlite.Storage;
using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>
/// What a lease costs, read from SQLite's query plan on a file the store made: it walks an index in the order it leases
/// and stops at its limit, so it costs what it leases rather than what is due (a lease runs inside the write transaction
/// every claim waits for).
/// </summary>
public sealed class LeasePlanTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Lease_NoPerAccountLimitNothingSkipped_WalksTheDueIndexInOrderWithoutSorting()
    {
        var plan = await PlanAsync(Request());

        plan.Should().Equal("SCAN follow_ups USING INDEX follow_ups_unfinished_by_due");
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(4, true)]
    [InlineData(int.MaxValue, true)]
    public async Task Lease_PerAccountLimitOrSkipped_SeeksEachSendersOldestRowsAndReadsNoBacklog(int perAccount, bool skipping)
    {
        var request = Request() with { MaxPerAccount = perAccount, Skip = skipping ? [new("busy", FollowUpKind.Email), new("other", FollowUpKind.Sms)] : [] };

        var plan = await PlanAsync(request);

        var reads = plan.Where(line => line.Contains(" follow_ups ", StringComparison.Ordinal) || line.EndsWith(" follow_ups", StringComparison.Ordinal) || line.Contains(" f ", StringComparison.Ordinal)).ToList();
        reads.Should().NotBeEmpty().And.OnlyContain(
            line => line.StartsWith("SEARCH ", StringComparison.Ordinal)
                && (line.Contains("USING INDEX follow_ups_unfinished_by_sender", StringComparison.Ordinal)
                    || line.Contains("USING PRIMARY KEY (account_id=? AND campaign_id=? AND contact_id=? AND kind=?)", StringComparison.Ordinal)),
            "every read of the outbox is a seek: the senders one by one, each sender's oldest rows, the leased rows by key; plan: {0}", string.Join(" | ", plan));
        reads.Should().Contain(line => line.Contains("USING INDEX follow_ups_unfinished_by_sender (account_id=? AND kind=?)", StringComparison.Ordinal));
    }

    private static FollowUpLeaseRequest Request() => new("dispatcher", Claims.At, Claims.At.AddMinutes(2), 50);

    /// <summary>The details of SQLite's plan for the lease of <paramref name="request"/>, on a file the store created.</summary>
    private async Task<List<string>> PlanAsync(FollowUpLeaseRequest request)
    {
        await _folder.Store().FindAsync(Claims.NewKey(), CancellationToken.None);
        var (sql, parameters) = LeaseRows.Select(request);
        using var connection = RawFile.Open(_folder.File());
        using var command = connection.CreateCommand();
        command.CommandText = $"EXPLAIN QUERY PLAN {sql}";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        File.AppendAllText("/tmp/sqlease-plans.txt", $"== {request.MaxPerAccount} {request.Skip.Count}\n{sql}\n{string.Join("\n", plan)}\n");
        return plan;
    }

    public void Dispose() => _folder.Dispose();
}
