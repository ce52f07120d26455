using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// Kills at named points: a real child process (tests/FollowUps.CrashHost) handles one call on a SQLite file and is
/// killed with SIGKILL, 50 times per point; then this process opens the same file and runs the dispatcher. Every SMS
/// reaches the loopback fake provider exactly once or is unknown (never twice), and nothing is left claimed or sending.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Kills = 50;
    private const string Account = "account-1", Campaign = "campaign-1";

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task KilledAfterTheClaimCommitted_TheDispatcherSendsTheSmsExactlyOnce()
    {
        await using var provider = LoopbackProvider.Start(holdFirst: false);
        for (var i = 0; i < Kills; i++)
        {
            var key = new FollowUpKey(Account, Campaign, $"claimed-{i}", FollowUpKind.Sms);
            var file = _folder.File($"claimed-{i}.db");

            await CrashHost.RunAndKillAsync(file, provider.Address, CrashHost.AfterClaim, key.ContactId);

            await using var pickup = new Pickup(file, provider.Address);
            var left = await pickup.Store.FindAsync(key, default);
            left.Should().BeEquivalentTo(new { State = FollowUpState.Claimed, Attempts = 0 }, $"kill {i} came right after the claim committed");
            provider.Received(key).Should().Be(0, $"kill {i} came before the send");

            (await pickup.DispatchAsync()).Should().Be(1, $"kill {i}: the claim whose lease ended is the dispatcher's");

            provider.Received(key).Should().Be(1, $"kill {i}: the SMS reaches the provider exactly once");
            var record = await pickup.Store.FindAsync(key, default);
            record.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 1, LeaseOwner = (string?)null }, $"kill {i}");
            await NothingInFlightAsync(pickup, $"call-{key.ContactId}", i);
        }
    }

    [Fact]
    public async Task KilledAfterTheSmsReachedTheProvider_ItIsUnknownAndNeverSentAgain()
    {
        await using var provider = LoopbackProvider.Start(holdFirst: true);
        for (var i = 0; i < Kills; i++)
        {
            var key = new FollowUpKey(Account, Campaign, $"sending-{i}", FollowUpKind.Sms);
            await KilledMidSendIsUnknownAsync(provider, key, CrashHost.AfterRequest, i);
        }
    }

    [Fact]
    public async Task KilledAfterTheEmailReachedTheProvider_ItIsUnknownAndNeverSentAgain()
    {
        await using var provider = LoopbackProvider.Start(holdFirst: true);
        for (var i = 0; i < 10; i++)
        {
            var key = new FollowUpKey(Account, Campaign, $"emailing-{i}", FollowUpKind.Email);
            await KilledMidSendIsUnknownAsync(provider, key, CrashHost.EmailAfterRequest, i);
        }
    }

    public void Dispose() => _folder.Dispose();

    private async Task KilledMidSendIsUnknownAsync(LoopbackProvider provider, FollowUpKey key, string mode, int i)
    {
        var file = _folder.File($"{mode}-{i}.db");

        await CrashHost.RunAndKillAsync(file, provider.Address, mode, key.ContactId, provider.Arrived(key));

        await using var pickup = new Pickup(file, provider.Address);
        var left = await pickup.Store.FindAsync(key, default);
        left.Should().BeEquivalentTo(new { State = FollowUpState.Sending, Attempts = 1 }, $"kill {i} came while the request was at the provider");

        (await pickup.DispatchAsync()).Should().Be(1, $"kill {i}: the send whose lease ended is the dispatcher's to settle");

        provider.Received(key).Should().Be(1, $"kill {i}: the {key.Kind} reached the provider once, and the dispatcher never sends it again");
        var record = await pickup.Store.FindAsync(key, default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, Attempts = 1, LeaseOwner = (string?)null }, $"kill {i}");
        record!.Outcome.Should().BeEquivalentTo(new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer }, $"kill {i}");
        await NothingInFlightAsync(pickup, $"call-{key.ContactId}", i);
    }

    private static async Task NothingInFlightAsync(Pickup pickup, string callId, int i)
    {
        var records = await pickup.Store.FindByCallAsync(Account, callId, default);
        records.Should().ContainSingle($"kill {i}: one follow-up per call")
            .And.OnlyContain(r => r.State != FollowUpState.Claimed && r.State != FollowUpState.Sending, $"kill {i}: nothing is left claimed or sending");
    }
}
