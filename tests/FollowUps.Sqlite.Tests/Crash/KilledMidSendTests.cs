using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// A process killed (SIGKILL) after its SMS request reached the provider, which holds its answer, 50 times for each
/// durability setting: the SMS is unknown and never sent again (it reached the provider once); nothing is left claimed
/// or sending.
/// </summary>
public sealed class KilledMidSendTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(SqliteSynchronous.Full)]
    [InlineData(SqliteSynchronous.Normal)]
    public async Task KilledAfterTheSmsReachedTheProvider_ItIsUnknownAndNeverSentAgain(SqliteSynchronous synchronous)
    {
        await using var provider = LoopbackProvider.Start(holdFirst: true);
        for (var i = 0; i < Kills.PerPoint; i++)
        {
            await Kills.MidSendAsync(_folder, provider, FollowUpKind.Sms, i, synchronous);
        }
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>The same for an email, 10 times: an email killed mid-send is unknown, as the README says.</summary>
public sealed class KilledMidSendEmailTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task KilledAfterTheEmailReachedTheProvider_ItIsUnknownAndNeverSentAgain()
    {
        await using var provider = LoopbackProvider.Start(holdFirst: true);
        for (var i = 0; i < 10; i++)
        {
            await Kills.MidSendAsync(_folder, provider, FollowUpKind.Email, i);
        }
    }

    public void Dispose() => _folder.Dispose();
}
