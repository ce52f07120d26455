using FollowUps.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>
/// The connection every write runs on, which the store keeps open so each statement is compiled once: writes of one
/// store racing each other all land; <see cref="SqliteFollowUpStore.Dispose"/> closes it (so the last connection to
/// close folds the WAL into the file and removes it), is harmless twice, and a later write opens it again.
/// </summary>
public sealed class WriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Dispose_ClosesTheWriterConnection_TheWalGoesWithTheLastConnection_AndALaterWriteOpensItAgain()
    {
        var store = _folder.Store();
        var first = Claims.Sms(Claims.NewKey());
        (await store.ClaimAsync(first, CancellationToken.None)).Won.Should().BeTrue();

        store.Dispose();
        store.Dispose();
        SqliteConnection.ClearAllPools();

        File.Exists(_folder.File() + "-wal").Should().BeFalse("no connection of the store is open, so the last one closed checkpointed and removed the WAL");
        var second = Claims.Sms(Claims.NewKey());
        (await store.ClaimAsync(second, CancellationToken.None)).Won.Should().BeTrue();
        (await store.FindAsync(first.Key, CancellationToken.None)).Should().BeEquivalentTo(first);
        (await store.FindAsync(second.Key, CancellationToken.None)).Should().BeEquivalentTo(second);
        store.Dispose();
    }

    [Fact]
    public async Task Dispose_DuringARead_TheReadersConnectionIsClosedWhenItEnds_NotKept()
    {
        var store = _folder.Store();
        var claim = Claims.Sms(Claims.NewKey());
        (await store.ClaimAsync(claim, CancellationToken.None)).Won.Should().BeTrue();
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var read = store.Database.ReadAsync("hold a reader", async _ =>
        {
            reading.SetResult();
            await release.Task;
            return true;
        }, CancellationToken.None);
        await reading.Task;

        store.Dispose();
        release.SetResult();
        (await read).Should().BeTrue();
        SqliteConnection.ClearAllPools();

        File.Exists(_folder.File() + "-wal").Should().BeFalse("the read that ended after Dispose closed its connection rather than keeping it, so no connection of the store is open");
    }

    [Fact]
    public async Task ManyWritesOfOneStoreAtOnce_EachLandsWithItsHistory()
    {
        var store = _folder.Store();
        var claims = Enumerable.Range(0, 40).Select(_ => Claims.Sms(Claims.NewKey())).ToList();

        var won = await Task.WhenAll(claims.Select(async claim =>
        {
            var claimed = (await store.ClaimAsync(claim, CancellationToken.None).ConfigureAwait(false)).Won;
            var moved = await store.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1 }, CancellationToken.None).ConfigureAwait(false);
            return claimed && moved;
        }));

        won.Should().AllBeEquivalentTo(true);
        foreach (var claim in claims)
        {
            (await store.FindAsync(claim.Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Sending);
            (await store.ReadHistoryAsync(claim.Key, CancellationToken.None)).Select(e => e.State).Should().Equal(FollowUpState.Claimed, FollowUpState.Sending);
        }

        store.Dispose();
    }

    public void Dispose() => _folder.Dispose();
}
