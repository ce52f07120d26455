using CsCheck;
using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>
/// The SQLite lease, whichever statement it runs (the due-order walk, or sender by sender with a per-account limit or
/// skipped senders), leases what the in-memory store's plain rules lease (every due row, filtered, grouped by account,
/// ordered), in the same order, on generated backlogs of every state, lease and due time.
/// </summary>
public sealed class LeasePropertyTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Now = Start.AddSeconds(30_000);

    private static readonly string[] Accounts = ["a", "b", "c"];

    private static readonly FollowUpState[] States = [FollowUpState.Claimed, FollowUpState.Waiting, FollowUpState.Sending, FollowUpState.Unknown, FollowUpState.Sent];

    /// <summary>A row: account, kind, state, lease (none, held, ended), whether it has a due time, its rank in time, a short deadline.</summary>
    private static readonly Gen<(int Account, FollowUpKind Kind, FollowUpState State, int Lease, bool Dated, int Rank, bool ShortDeadline)> Row =
        Gen.Select(Gen.Int[0, 2], Gen.Enum<FollowUpKind>(), Gen.Int[0, States.Length - 1], Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 50], Gen.Bool)
            .Select((account, kind, state, lease, dated, rank, shortDeadline) => (account, kind, States[state], lease, dated, rank, shortDeadline));

    private static readonly Gen<FollowUpLeaseRequest> Request =
        Gen.Select(Gen.Int[1, 8], Gen.OneOf(Gen.Int[1, 4], Gen.Const(int.MaxValue)), Gen.Select(Gen.Int[0, 2], Gen.Enum<FollowUpKind>()).Array[0, 3])
            .Select((max, perAccount, skip) => new FollowUpLeaseRequest("dispatcher", Now, Now.AddMinutes(2), max)
            {
                MaxPerAccount = perAccount,
                Skip = [.. skip.Select(s => new AccountKind(Accounts[s.Item1], s.Item2))],
            });

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task LeaseDue_GeneratedBacklogsAndRequests_LeasesWhatThePlainRulesLeaseInTheirOrder()
    {
        await Gen.Select(Row.Array[0, 14], Request).SampleAsync(async (rows, request) =>
        {
            var records = rows.Select(Record).ToList();
            var sqlite = _folder.Store(_folder.File($"{Guid.NewGuid():N}.db"));
            var oracle = new InMemoryFollowUpStore();
            foreach (var record in records)
            {
                (await sqlite.ClaimAsync(record, CancellationToken.None)).Won.Should().BeTrue();
                (await oracle.ClaimAsync(record, CancellationToken.None)).Won.Should().BeTrue();
            }

            var leased = await sqlite.LeaseDueAsync(request, CancellationToken.None);
            var expected = await oracle.LeaseDueAsync(request, CancellationToken.None);

            leased.Select(r => r.Key).Should().Equal(expected.Select(r => r.Key), "max {0}, {1} per account, skipping {2}", request.Max, request.MaxPerAccount, string.Join(" ", request.Skip));
            leased.Where(r => r.LeaseOwner != "dispatcher" || r.LeaseExpiresAt != Now.AddMinutes(2)).Should().BeEmpty("each leased row is stamped with the lease");
        }, iter: 60, threads: 1);
    }

    /// <summary>
    /// The <paramref name="i"/>th row: due (or, undated, claimed) at its rank's time plus its index in seconds, so no two
    /// rows share their lease order and the expected order is exact.
    /// </summary>
    private static FollowUpRecord Record((int Account, FollowUpKind Kind, FollowUpState State, int Lease, bool Dated, int Rank, bool ShortDeadline) row, int i)
    {
        var time = Start.AddSeconds((row.Rank * 1_000) + i);
        var claimed = row.Dated ? time.AddSeconds(-30_000) : time;
        return Claims.Sms(new FollowUpKey(Accounts[row.Account], "recall", $"contact-{i}", row.Kind)) with
        {
            State = row.State,
            Attempts = row.State == FollowUpState.Claimed ? 0 : 1,
            LeaseOwner = row.Lease == 0 ? null : "other",
            LeaseExpiresAt = row.Lease switch { 0 => null, 1 => Now.AddMinutes(1), _ => Now.AddMinutes(-1) },
            DueAt = row.Dated ? time : null,
            ClaimedAt = claimed,
            Deadline = claimed.AddHours(row.ShortDeadline ? 1 : 24),
        };
    }

    public void Dispose() => _folder.Dispose();
}
