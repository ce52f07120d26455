namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>
/// Four dispatcher processes on one database share 1,000 due retries (leases taken with <c>FOR UPDATE SKIP LOCKED</c> on
/// the database's clock): each reaches the provider exactly once, also when one of them is killed mid-batch.
/// </summary>
[Collection(ChildProcessTestGroup.Name)]
public sealed class DispatcherProcessesTests
{
    private const int Retries = 1_000, Dispatchers = 4;

    /// <summary>The children's lease: the shortest the options allow, so the kill test waits little for it to end.</summary>
    private const int LeaseSeconds = 5;

    [Fact]
    public async Task RunOnce_FourProcessesOnThousandDueRetries_EachSentExactlyOnce()
    {
        await using var run = await DispatchRun.SeedAsync(Retries);
        await using var fleet = new Fleet();
        for (var i = 0; i < Dispatchers; i++)
        {
            run.StartDispatcher(fleet, $"dispatcher-{i}");
        }

        await fleet.GoAsync();
        await run.WaitForAsync(sent: Retries, unknown: 0);
        await StopAsync(fleet.Children);

        run.Provider.ReceivedByKey().Should().BeEquivalentTo(run.Keys.ToDictionary(key => key.ToString(), _ => 1), "each retry reached the provider exactly once");
        var records = await run.ListAsync();
        records.Should().HaveCount(Retries).And.OnlyContain(r => r.State == FollowUpState.Sent && r.Attempts == 2 && r.LeaseOwner == null, "every retry is sent, by one more attempt");
    }

    /// <summary>
    /// The fake holds every request of one dispatcher, which leases a batch of eight and starts four sends (the
    /// concurrency); while the three others work, it is killed (SIGKILL). The four it had leased but not started are sent
    /// by the others once its lease ends; the four it was sending end unknown (the fake is no reconciler, so they stay
    /// unknown), and they are exactly the requests that reached the provider from it. Nothing reaches the provider twice.
    /// </summary>
    [Fact]
    public async Task RunOnce_OneOfFourProcessesKilledMidBatch_ItsUnstartedRowsSentByTheOthersItsSendsUnknownNoneTwice()
    {
        await using var run = await DispatchRun.SeedAsync(Retries);
        await using var fleet = new Fleet();
        var victim = run.StartDispatcher(fleet, "victim", LeaseSeconds);
        var others = Enumerable.Range(1, Dispatchers - 1).Select(i => run.StartDispatcher(fleet, $"dispatcher-{i}", LeaseSeconds)).ToList();
        run.Provider.Hold(victim.Name);

        // The victim alone first, so the batch it is stuck in is surely a full one.
        await fleet.GoAsync([victim]);
        await Eventually.HoldsAsync(() => FromVictim(run).Count == 4, "the victim's four sends are at the provider", ChildProcess.Patience);
        var sending = FromVictim(run).Select(request => request.Key).ToHashSet();
        var batch = await VictimBatchAsync(run, sending);
        var notStarted = batch.Where(r => r.State == FollowUpState.Waiting).Select(r => r.Key.ToString()).ToHashSet();
        batch.Where(r => r.State == FollowUpState.Sending).Select(r => r.Key.ToString()).Should().BeEquivalentTo(sending, "the victim marked sending exactly what it sent");
        notStarted.Should().HaveCount(4, "the victim leased a batch of twice its concurrency and started half of it");

        await fleet.GoAsync(others);
        await Eventually.HoldsAsync(() => run.Provider.Requests.Count >= 100, "the others are sending", ChildProcess.Patience);
        await victim.KillAsync();
        await run.WaitForAsync(sent: Retries - sending.Count, unknown: sending.Count);
        await StopAsync(others);

        var received = run.Provider.ReceivedByKey();
        received.Should().BeEquivalentTo(run.Keys.ToDictionary(key => key.ToString(), _ => 1), "every retry reached the provider once: none twice, and none lost");
        FromVictim(run).Select(request => request.Key).Should().BeEquivalentTo(sending, "the victim's requests are the four it was sending");
        run.Provider.Requests.Where(request => notStarted.Contains(request.Key)).Should().OnlyContain(request => request.Sender != victim.Name, "the rows it leased but never started went to the others");
        var unknown = await run.ListAsync(FollowUpState.Unknown);
        unknown.Select(r => r.Key.ToString()).Should().BeEquivalentTo(sending, "what the victim was sending may have gone out: it is unknown, never sent again");
        unknown.Should().OnlyContain(r => r.Attempts == 2 && r.Outcome!.Reason == OutcomeReason.NoProviderAnswer);
        var sent = await run.ListAsync(FollowUpState.Sent);
        sent.Should().HaveCount(Retries - sending.Count).And.OnlyContain(r => r.Attempts == 2, "each was sent by one attempt after the seeded failure");
    }

    private static List<ProviderRequest> FromVictim(DispatchRun run) => [.. run.Provider.Requests.Where(request => request.Sender == "victim")];

    /// <summary>The batch the victim leased: every row under the lease owner of the rows it is sending.</summary>
    private static async Task<List<FollowUpRecord>> VictimBatchAsync(DispatchRun run, IReadOnlyCollection<string> sending)
    {
        var records = await run.ListAsync();
        var owners = records.Where(r => sending.Contains(r.Key.ToString())).Select(r => r.LeaseOwner).Distinct().ToList();
        owners.Should().ContainSingle("one batch holds the victim's four sends").Which.Should().NotBeNull();
        return [.. records.Where(r => r.LeaseOwner == owners[0])];
    }

    /// <summary>Tells each child to stop and waits for it to exit 0 (nothing thrown in it).</summary>
    private static Task StopAsync(IEnumerable<ChildProcess> children) => Task.WhenAll(children.Select(async child =>
    {
        await child.TellAsync(ChildProcess.StopLine);
        await child.WaitForExitAsync();
    }));
}
