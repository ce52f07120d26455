using FollowUps.Sqlite.Storage;
using Microsoft.Extensions.Logging.Testing;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>
/// <see cref="Checkpointer"/> on a checkpoint the test controls: every <see cref="CheckpointPolicy.CommitsPerCheckpoint"/>
/// commits wake it; the writes are held back only for a WAL at its bound; a failure is logged, never thrown into a commit,
/// and tried again after the next commits; <see cref="Checkpointer.Dispose"/> stops it.
/// </summary>
public sealed class CheckpointerTests
{
    private readonly FakeLogger _logger = new();

    [Fact]
    public async Task EveryThirdCommit_WakesOneCheckpointBesideTheWrites_AndHoldsWritesOnlyForAWalAtItsBound()
    {
        var runs = new Runs(frames: [5, 120]);
        using var checkpointer = new Checkpointer(runs.CheckpointAsync, new CheckpointPolicy(3, 100, 1_000), _logger, "/tmp/f.db");

        Commit(checkpointer, 2);
        Commit(checkpointer, 1);
        (await runs.NextAsync()).Should().BeFalse("the first checkpoint runs beside the writes");
        Commit(checkpointer, 3);
        (await runs.NextAsync()).Should().BeFalse();
        (await runs.NextAsync()).Should().BeTrue("the WAL had 120 frames, past the bound of 100: one more with the writes held back");
        runs.Count.Should().Be(3);
    }

    [Fact]
    public async Task AFailedCheckpoint_IsLogged_NotThrownIntoACommit_AndTriedAgainAfterTheNextCommits()
    {
        var runs = new Runs(frames: [0], failFirst: true);
        using var checkpointer = new Checkpointer(runs.CheckpointAsync, new CheckpointPolicy(2, 100, 1_000), _logger, "/tmp/f.db");

        Commit(checkpointer, 2);
        (await runs.NextAsync()).Should().BeFalse("the first, which fails");
        Commit(checkpointer, 2);
        (await runs.NextAsync()).Should().BeFalse("tried again after two more commits");

        var logged = _logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 404).Subject;
        logged.Message.Should().Be("A checkpoint of the SQLite file /tmp/f.db's WAL failed; it is tried again after the next writes");
        logged.Exception.Should().BeOfType<IOException>();
    }

    [Fact]
    public void FallenBehind_AfterTheInlineCommitsWithoutACheckpoint_UntilOneIsDone()
    {
        var runs = new Runs(frames: [0]);
        using var checkpointer = new Checkpointer(runs.CheckpointAsync, new CheckpointPolicy(1_000, 100, 4), _logger, "/tmp/f.db");

        Commit(checkpointer, 3);
        checkpointer.FallenBehind.Should().BeFalse();
        Commit(checkpointer, 1);
        checkpointer.FallenBehind.Should().BeTrue();
        checkpointer.Checkpointed();
        checkpointer.FallenBehind.Should().BeFalse();
    }

    [Fact]
    public async Task Dispose_StopsTheLoop_AndLaterCommitsNeitherThrowNorCheckpoint()
    {
        var runs = new Runs(frames: [0]);
        var checkpointer = new Checkpointer(runs.CheckpointAsync, new CheckpointPolicy(1, 100, 1_000), _logger, "/tmp/f.db");
        Commit(checkpointer, 1);
        await runs.NextAsync();

        checkpointer.Dispose();
        checkpointer.Dispose();

        Commit(checkpointer, 3);
        checkpointer.Stopped.Should().BeTrue("Dispose returns once the loop has ended");
        runs.Count.Should().Be(1, "no loop is left to run one");
    }

    private static void Commit(Checkpointer checkpointer, int times)
    {
        for (var i = 0; i < times; i++)
        {
            checkpointer.Committed();
        }
    }

    /// <summary>The checkpoints asked for, in order (whether each held the writes back), answering the frames given in turn.</summary>
    private sealed class Runs(int[] frames, bool failFirst = false)
    {
        private readonly System.Threading.Channels.Channel<bool> _runs = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task<int> CheckpointAsync(bool holdWrites, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _count);
            _runs.Writer.TryWrite(holdWrites);
            return n == 1 && failFirst
                ? Task.FromException<int>(new IOException("Could not checkpoint the WAL: the disk is full."))
                : Task.FromResult(frames[Math.Min(n, frames.Length) - 1]);
        }

        /// <summary>The next checkpoint asked for (waits for it; the test's own timeout ends a wait that never ends).</summary>
        public async Task<bool> NextAsync() => await _runs.Reader.ReadAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
    }
}
