using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// A process killed (SIGKILL) right after its SMS claim committed, 50 times: the dispatcher of the next process sends
/// the SMS, and it reaches the provider exactly once; nothing is left claimed or sending.
/// </summary>
public sealed class KilledAfterClaimTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task KilledAfterTheClaimCommitted_TheDispatcherSendsTheSmsExactlyOnce()
    {
        await using var provider = LoopbackProvider.Start(holdFirst: false);
        for (var i = 0; i < Kills.PerPoint; i++)
        {
            await Kills.AfterClaimAsync(_folder, provider, i);
        }
    }

    public void Dispose() => _folder.Dispose();
}
