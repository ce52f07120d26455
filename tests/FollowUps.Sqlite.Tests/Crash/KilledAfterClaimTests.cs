using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// A process killed (SIGKILL) right after its SMS claim committed, 50 times for each durability setting: the dispatcher
/// of the next process sends the SMS, and it reaches the provider exactly once; nothing is left claimed or sending. With
/// <see cref="SqliteSynchronous.Normal"/> too: a commit not yet flushed to the disk is in the operating system's hands,
/// which a killed process does not lose. And killed right after a claim and its start committed in one write, before the
/// request left: unknown, never sent blindly.
/// </summary>
public sealed class KilledAfterClaimTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(SqliteSynchronous.Full)]
    [InlineData(SqliteSynchronous.Normal)]
    public async Task KilledAfterTheClaimCommitted_TheDispatcherSendsTheSmsExactlyOnce(SqliteSynchronous synchronous)
    {
        await using var provider = LoopbackProvider.Start(holdFirst: false);
        for (var i = 0; i < Kills.PerPoint; i++)
        {
            await Kills.AfterClaimAsync(_folder, provider, i, synchronous);
        }
    }

    [Fact]
    public async Task KilledAfterTheClaimAndItsStartCommittedInOneWrite_ItIsUnknownAndNeverSentBlindly()
    {
        await using var provider = LoopbackProvider.Start(holdFirst: false);
        for (var i = 0; i < Kills.PerPoint; i++)
        {
            await Kills.AfterStartAsync(_folder, provider, i);
        }
    }

    public void Dispose() => _folder.Dispose();
}
