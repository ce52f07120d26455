using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// One kill at a named point and what must hold afterwards: a real child process (tests/FollowUps.CrashHost) handles
/// one call on a fresh SQLite file and is killed with SIGKILL; then this process opens the same file and runs the
/// dispatcher until it has nothing left.
/// </summary>
internal static class Kills
{
    public const int PerPoint = 50;
    public const string Account = "account-1", Campaign = "campaign-1";

    /// <summary>
    /// Killed right after the claim committed (the child's store committing with <paramref name="synchronous"/>; either
    /// keeps a commit when only the process dies): the dispatcher sends the follow-up, and it reaches the provider once.
    /// </summary>
    public static async Task AfterClaimAsync(TempFolder folder, LoopbackProvider provider, int i, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var key = new FollowUpKey(Account, Campaign, $"claimed-{i}", FollowUpKind.Sms);
        var file = folder.File($"claimed-{i}.db");

        await CrashHost.RunAndKillAsync(file, provider.Address, CrashHost.AfterClaim, key.ContactId, synchronous: synchronous);

        await using var pickup = new Pickup(file, provider.Address);
        var left = await pickup.Store.FindAsync(key, default);
        left.Should().BeEquivalentTo(new { State = FollowUpState.Claimed, Attempts = 0 }, $"kill {i} came right after the claim committed");
        provider.Received(key).Should().Be(0, $"kill {i} came before the send");

        (await pickup.DispatchAsync()).Should().Be(1, $"kill {i}: the claim whose lease ended is the dispatcher's");

        provider.Received(key).Should().Be(1, $"kill {i}: the SMS reaches the provider exactly once");
        var record = await pickup.Store.FindAsync(key, default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 1, LeaseOwner = (string?)null }, $"kill {i}");
        await NothingInFlightAsync(pickup, key, i);
    }

    /// <summary>
    /// Killed right after the claim and its start committed in one write (<see cref="IFollowUpClaimStarter"/>), before the
    /// request left: the follow-up is sending, so the dispatcher makes it unknown (it cannot tell the request never left)
    /// and never sends it blindly; the provider got nothing.
    /// </summary>
    public static async Task AfterStartAsync(TempFolder folder, LoopbackProvider provider, int i)
    {
        var key = new FollowUpKey(Account, Campaign, $"started-{i}", FollowUpKind.Sms);
        var file = folder.File($"started-{i}.db");

        await CrashHost.RunAndKillAsync(file, provider.Address, CrashHost.AfterStart, key.ContactId);

        await using var pickup = new Pickup(file, provider.Address);
        var left = await pickup.Store.FindAsync(key, default);
        left.Should().BeEquivalentTo(new { State = FollowUpState.Sending, Attempts = 1 }, $"kill {i} came right after the claim and its start committed");
        (await pickup.Store.ReadHistoryAsync(key, default)).Select(e => e.State).Should().Equal([FollowUpState.Claimed, FollowUpState.Sending], $"kill {i}: the one write kept both entries");

        (await pickup.DispatchAsync()).Should().Be(1, $"kill {i}: the send whose lease ended is the dispatcher's to settle");

        provider.Received(key).Should().Be(0, $"kill {i}: a send that may have started is never repeated without asking the provider");
        var record = await pickup.Store.FindAsync(key, default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, Attempts = 1, LeaseOwner = (string?)null }, $"kill {i}");
        await NothingInFlightAsync(pickup, key, i);
    }

    /// <summary>
    /// Killed while the request was at the provider (which holds its answer): the follow-up becomes unknown and is never
    /// sent again; the provider got it once (the child's store committing with <paramref name="synchronous"/>).
    /// </summary>
    public static async Task MidSendAsync(TempFolder folder, LoopbackProvider provider, FollowUpKind kind, int i, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var (mode, prefix) = kind == FollowUpKind.Sms ? (CrashHost.AfterRequest, "sending") : (CrashHost.EmailAfterRequest, "emailing");
        var key = new FollowUpKey(Account, Campaign, $"{prefix}-{i}", kind);
        var file = folder.File($"{prefix}-{i}.db");

        await CrashHost.RunAndKillAsync(file, provider.Address, mode, key.ContactId, provider.Arrived(key), synchronous);

        await using var pickup = new Pickup(file, provider.Address);
        var left = await pickup.Store.FindAsync(key, default);
        left.Should().BeEquivalentTo(new { State = FollowUpState.Sending, Attempts = 1 }, $"kill {i} came while the request was at the provider");

        (await pickup.DispatchAsync()).Should().Be(1, $"kill {i}: the send whose lease ended is the dispatcher's to settle");

        provider.Received(key).Should().Be(1, $"kill {i}: the {kind} reached the provider once, and the dispatcher never sends it again");
        var record = await pickup.Store.FindAsync(key, default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, Attempts = 1, LeaseOwner = (string?)null }, $"kill {i}");
        record!.Outcome.Should().BeEquivalentTo(new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer }, $"kill {i}");
        await NothingInFlightAsync(pickup, key, i);
    }

    private static async Task NothingInFlightAsync(Pickup pickup, FollowUpKey key, int i)
    {
        var records = await pickup.Store.FindByCallAsync(Account, $"call-{key.ContactId}", default);
        records.Should().ContainSingle($"kill {i}: one follow-up per call")
            .And.OnlyContain(r => r.State != FollowUpState.Claimed && r.State != FollowUpState.Sending, $"kill {i}: nothing is left claimed or sending");
    }
}
