using FollowUps.Sqlite.Storage;
using FollowUps.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>
/// Checkpoints are off the committing path: no connection of the store checkpoints when it commits
/// (<c>wal_autocheckpoint = 0</c>); the store's own checkpointer copies the WAL back in the background, and the WAL stays
/// under its bound however long the writes go on.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task EveryConnection_HasAutomaticCheckpointsOff()
    {
        var store = _folder.Store();
        (await store.ClaimAsync(Claims.Sms(Claims.NewKey()), CancellationToken.None)).Won.Should().BeTrue();

        var read = await Task.WhenAll(ReadAsync(store), ReadAsync(store), ReadAsync(store));

        read.Should().AllBeEquivalentTo(0L, "a commit never runs a checkpoint: the store's checkpointer does, off the committing path");
        store.Dispose();
    }

    [Fact]
    public async Task SustainedWrites_KeepTheWalUnderItsBound()
    {
        // A checkpoint every 10 commits, the writes held back for one at 100 frames, the writer's own after 50 commits:
        // the WAL is started again at least every 50 commits (sooner when the checkpointer gets a thread in time), each a
        // claim or a move of at most about 8 pages of 4 KB, so it stays under 2 MB (about 500 pages), where without
        // checkpoints these 1,500 commits reach tens of megabytes and SQLite's automatic ones (1,000 pages) about 4 MB.
        const long Bound = 2 << 20;
        var file = _folder.File();
        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = file }, new CheckpointPolicy(10, 100, 50));
        long largest = 0;
        for (var i = 0; i < 500; i++)
        {
            var claim = Claims.Sms(Claims.NewKey());
            (await store.ClaimAsync(claim, CancellationToken.None)).Won.Should().BeTrue();
            var sending = claim with { State = FollowUpState.Sending, Attempts = 1 };
            (await store.TryUpdateAsync(claim, sending, CancellationToken.None)).Should().BeTrue();
            (await store.TryUpdateAsync(sending, sending with { State = FollowUpState.Sent, LeaseOwner = null, LeaseExpiresAt = null, Outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None } }, CancellationToken.None)).Should().BeTrue();
            (await store.FindAsync(claim.Key, CancellationToken.None)).Should().NotBeNull("a read between the writes, on a kept reader connection, which must hold no snapshot that would keep a checkpoint from finishing");
            largest = Math.Max(largest, new FileInfo(file + "-wal").Length);
        }

        store.Dispose();
        largest.Should().BeLessThan(Bound, "the WAL is checkpointed and started again however long the writes go on");
    }

    [Fact]
    public async Task AReadDuringAWrite_RunsBesideIt_NotBehindIt()
    {
        var store = _folder.Store();
        var claim = Claims.Sms(Claims.NewKey());
        (await store.ClaimAsync(claim, CancellationToken.None)).Won.Should().BeTrue();
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var write = store.Database.WriteAsync("hold the writer", async (_, _) =>
        {
            writing.SetResult();
            await release.Task;
            return true;
        }, CancellationToken.None);
        await writing.Task;

        var read = await store.FindAsync(claim.Key, CancellationToken.None);

        read.Should().BeEquivalentTo(claim, "the read ran while the write transaction was open");
        release.SetResult();
        (await write).Should().BeTrue();
        store.Dispose();
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<long> ReadAsync(SqliteFollowUpStore store)
    {
        await store.OpenAsync();
        return await store.Database.RunAsync("read the automatic checkpoint setting", async connection =>
        {
            await using var command = new SqliteCommand("PRAGMA wal_autocheckpoint;", connection);
            await Task.Yield();
            return (long)(await command.ExecuteScalarAsync())!;
        }, CancellationToken.None);
    }
}
