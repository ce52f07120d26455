using FollowUps.Dispatch;
using FollowUps.Tests.Delivery;
using Microsoft.Extensions.Options;

namespace FollowUps.Tests.Dispatch;

/// <summary>
/// One account's trouble never delays another's sends: a lease holds a bounded share of one account, an account whose
/// credentials were refused rests until its cool-down ends, and a hanging sender holds only its own account's workers.
/// </summary>
public sealed class DispatcherFairnessTests
{
    private static readonly CampaignFollowUpSettings SmsOnly = new() { Sms = Sample.AllChannels.Sms };

    [Fact]
    public async Task RunOnce_OneAccountsBacklogIsOlder_TheBatchStillHoldsTheOtherAccount()
    {
        var harness = new EngineHarness(configureDelivery: d => (d.DispatchBatchSize, d.DispatchPerAccount) = (4, 2));
        await EnqueueAsync(harness, "busy", 10);
        await EnqueueAsync(harness, "quiet", 2);

        var leased = await harness.Dispatcher.RunOnceAsync();

        leased.Should().Be(4);
        harness.Sms.Messages.GroupBy(m => m.Key.AccountId).ToDictionary(g => g.Key, g => g.Count())
            .Should().Equal(new Dictionary<string, int> { ["busy"] = 2, ["quiet"] = 2 });
    }

    [Fact]
    public async Task RunOnce_AnAccountsCredentialsRefused_ItRestsUntilTheCoolDownEndsWhileOthersSend()
    {
        var coolDown = TimeSpan.FromMinutes(10);
        var harness = new EngineHarness(
            sms: m => m.Key.AccountId == "refused" ? SendResult.CredentialsRefused("Twilio refused the credentials of account AC1.", coolDown) : SendResult.Sent($"SM-{m.Key.ContactId}"),
            configureDelivery: d => (d.DispatchConcurrency, d.DispatchPerAccount) = (1, 2)); // Batches of two, sent one at a time.
        await EnqueueAsync(harness, "refused", 6);
        await EnqueueAsync(harness, "ok", 2);

        await harness.Dispatcher.RunOnceAsync(); // The refused account's two oldest: the first is refused, the second rests.
        await harness.Dispatcher.RunOnceAsync(); // "ok"'s two.
        await EnqueueAsync(harness, "ok", 2, from: 2);
        await harness.Dispatcher.RunOnceAsync();
        var triedDuringTheCoolDown = Tried(harness, "refused");
        harness.Time.Advance(coolDown);
        await harness.Dispatcher.RunOnceAsync();

        triedDuringTheCoolDown.Should().Be(1, "after the first refusal the account's other follow-ups wait, unleased or untried");
        Tried(harness, "ok").Should().Be(4);
        Tried(harness, "refused").Should().Be(2, "the cool-down over, it is tried again (and rests again at the refusal)");
        var untried = await harness.Store.FindAsync(new("refused", "campaign-1", "contact-5", FollowUpKind.Sms), default);
        untried!.Attempts.Should().Be(0, "resting spends no attempt");
    }

    [Fact]
    public async Task RunOnce_CredentialsRefusedWhileTheBatchHoldsMoreOfThatAccount_TheRestAreNotTriedAndSpendNoAttempt()
    {
        var harness = new EngineHarness(
            sms: _ => SendResult.CredentialsRefused("Twilio refused the credentials of account AC1.", TimeSpan.FromMinutes(10)),
            configureDelivery: d => d.DispatchConcurrency = 1); // One at a time: the second starts after the first was refused.
        await EnqueueAsync(harness, "refused", 2);

        var leased = await harness.Dispatcher.RunOnceAsync();

        leased.Should().Be(2);
        Tried(harness, "refused").Should().Be(1, "once refused, the account's channel rests: the other leased one is not sent into the cool-down");
        (await harness.Store.FindAsync(new("refused", "campaign-1", "contact-1", FollowUpKind.Sms), default))!.Attempts.Should().Be(0);
    }

    [Fact]
    public async Task RunAsync_OneAccountsSenderHangs_TheOtherAccountsFollowUpsAreSent()
    {
        var harness = new EngineHarness(configureDelivery: d => (d.DispatchConcurrency, d.DispatchPerAccount) = (4, 2));
        await EnqueueAsync(harness, "hanging", 10);
        await EnqueueAsync(harness, "quiet", 3);
        var sender = new HangingFor("hanging", expected: 3, share: 2);
        var dispatcher = new FollowUpDispatcher(harness.Store, (ISuppressionStore)harness.Store, Options.Create(harness.Delivery), harness.Time, [], smsSender: sender);
        using var stop = new CancellationTokenSource();

        var running = dispatcher.RunAsync((_, _) => TimeSpan.FromSeconds(1), stop.Token);
        var quietSent = await sender.Others.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await sender.ShareHanging.Task.WaitAsync(TimeSpan.FromSeconds(30)); // Its workers start on their own threads: the second may start after the others' sends.
        await stop.CancelAsync();
        sender.Release.SetResult();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        var hangingStarted = sender.HangingStarted; // Once stopping, nothing waiting for its turn starts: the count is final.

        quietSent.Should().Be(3);
        hangingStarted.Should().Be(2, "the hanging account holds its share of the workers and no more");
    }

    [Fact]
    public async Task RunAsync_OneOfAChannelsSendsFinishes_NoMoreThanItsShareIsInWork()
    {
        // Review: the lease let every account have its full share however many of its channel were already in work, so a
        // channel with one short of its share in work took a whole share more (2K-1 of the workers: 7 of 8 by default).
        var harness = new EngineHarness(configureDelivery: d => (d.DispatchConcurrency, d.DispatchPerAccount) = (8, 2));
        await EnqueueAsync(harness, "slow", 10);
        var sender = new OneAtATime();
        var dispatcher = new FollowUpDispatcher(harness.Store, (ISuppressionStore)harness.Store, Options.Create(harness.Delivery), harness.Time, [], smsSender: sender);
        using var stop = new CancellationTokenSource();

        var running = dispatcher.RunAsync((_, _) => TimeSpan.FromSeconds(1), stop.Token);
        await sender.StartedAtLeast(2).WaitAsync(TimeSpan.FromSeconds(30));
        sender.ReleaseOne();
        await sender.StartedAtLeast(3).WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync(); // Stopping lets what is in work finish; what waits for its turn is left to its lease.
        sender.ReleaseAll();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        sender.Started.Should().Be(3, "one of the two in work finished, so one more may be: the channel's share is 2, whatever the lease's per-account limit");
        var left = await harness.Store.FindAsync(new("slow", "campaign-1", "contact-3", FollowUpKind.Sms), default);
        left!.Attempts.Should().Be(0, "the one leased beyond the share waited for its turn and is left to its lease, not lost");
    }

    [Fact]
    public async Task RunAsync_WorkersFreeOneByOne_LeasesAgainOnceHalfOfThemAreFree()
    {
        // A lease costs the store about the same for one row as for fifty (the fair one walks every sender), so the loop
        // does not lease for each send that ends.
        var store = new CountingStore();
        var harness = new EngineHarness(store: store, configureDelivery: d => d.DispatchConcurrency = 4);
        for (var account = 0; account < 8; account++)
        {
            await EnqueueAsync(harness, $"account-{account}", 1, from: account);
        }

        var sender = new OneAtATime();
        var dispatcher = new FollowUpDispatcher(store, store, Options.Create(harness.Delivery), harness.Time, [], smsSender: sender);
        using var stop = new CancellationTokenSource();

        var running = dispatcher.RunAsync((_, _) => TimeSpan.FromSeconds(1), stop.Token);
        await sender.StartedAtLeast(4).WaitAsync(TimeSpan.FromSeconds(30));
        sender.ReleaseOne();
        await Task.Delay(200); // Time for the loop to see the one free worker (and, with the rule broken, to lease for it).
        sender.ReleaseOne();
        await sender.StartedAtLeast(6).WaitAsync(TimeSpan.FromSeconds(30));
        var leases = store.Leases;
        await stop.CancelAsync();
        sender.ReleaseAll();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        leases.Should().Be(2, "the first lease filled the four workers; the next waited until two were free");
    }

    [Fact]
    public async Task RunAsync_BatchSmallerThanHalfTheWorkers_LeasesAgainWhenWorkersFreeWithoutWaitingForThePoll()
    {
        // Review: the loop leased after a send ended only once half the workers were free, but never more than
        // DispatchBatchSize at a time; with a batch below half the workers that never happened, so every lease after the
        // workers first filled waited for the poll (the fake clock here never moves, so it never came).
        var harness = new EngineHarness(configureDelivery: d => (d.DispatchConcurrency, d.DispatchBatchSize) = (4, 1));
        for (var account = 0; account < 5; account++)
        {
            await EnqueueAsync(harness, $"account-{account}", 1, from: account);
        }

        var sender = new OneAtATime();
        var dispatcher = new FollowUpDispatcher(harness.Store, (ISuppressionStore)harness.Store, Options.Create(harness.Delivery), harness.Time, [], smsSender: sender);
        using var stop = new CancellationTokenSource();

        var running = dispatcher.RunAsync((_, _) => TimeSpan.FromSeconds(1), stop.Token);
        await sender.StartedAtLeast(4).WaitAsync(TimeSpan.FromSeconds(30));
        sender.ReleaseAll();
        var fifth = await sender.StartedAtLeast(5).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(t => t.IsCompletedSuccessfully);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        fifth.Should().BeTrue("a free worker leases again without the poll when a batch cannot be half the workers");
        sender.Started.Should().Be(5);
    }

    private static async Task EnqueueAsync(EngineHarness harness, string accountId, int count, int from = 0)
    {
        for (var i = from; i < from + count; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1)); // Each due a second after the one before: the oldest first.
            await harness.Engine.EnqueueCallCompletedAsync(Sample.Answered($"contact-{i}", $"call-{accountId}-{i}") with { AccountId = accountId }, SmsOnly);
        }
    }

    private static int Tried(EngineHarness harness, string accountId) => harness.Sms.Messages.Count(m => m.Key.AccountId == accountId);

    /// <summary>An SMS sender whose every send hangs until the test releases it, the first started first.</summary>
    private sealed class OneAtATime : ISmsSender
    {
        private readonly Lock _lock = new();
        private readonly Queue<TaskCompletionSource> _hanging = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waits = [];
        private int _started;
        private bool _released;

        public int Started
        {
            get
            {
                lock (_lock)
                {
                    return _started;
                }
            }
        }

        public Task StartedAtLeast(int count)
        {
            lock (_lock)
            {
                if (_started >= count)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waits.Add((count, reached));
                return reached.Task;
            }
        }

        public void ReleaseOne()
        {
            lock (_lock)
            {
                _hanging.Dequeue().SetResult();
            }
        }

        public void ReleaseAll()
        {
            lock (_lock)
            {
                _released = true;
                while (_hanging.TryDequeue(out var send))
                {
                    send.SetResult();
                }
            }
        }

        public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _started++;
                foreach (var wait in _waits.Where(w => w.Count <= _started))
                {
                    wait.Reached.TrySetResult();
                }

                if (_released)
                {
                    done.SetResult();
                }
                else
                {
                    _hanging.Enqueue(done);
                }
            }

            await done.Task;
            return SendResult.Sent($"SM-{message.Key.ContactId}");
        }
    }

    /// <summary>An SMS sender whose sends for one account hang until released; the others are sent, and counted.</summary>
    private sealed class HangingFor(string accountId, int expected, int share = 0) : ISmsSender
    {
        private int _hanging;
        private int _others;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes with the count once <c>expected</c> sends of other accounts were made.</summary>
        public TaskCompletionSource<int> Others { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int HangingStarted => Volatile.Read(ref _hanging);

        /// <summary>Completes once <c>share</c> sends of the hanging account have started.</summary>
        public TaskCompletionSource ShareHanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            if (message.Key.AccountId == accountId)
            {
                if (Interlocked.Increment(ref _hanging) == share)
                {
                    ShareHanging.SetResult();
                }

                await Release.Task;
                return SendResult.Unknown("The provider never answered.");
            }

            if (Interlocked.Increment(ref _others) == expected)
            {
                Others.SetResult(expected);
            }

            return SendResult.Sent($"SM-{message.Key.AccountId}-{message.Key.ContactId}");
        }
    }

    /// <summary>An in-memory outbox that counts the dispatcher's leases.</summary>
    private sealed class CountingStore : ForwardingStore
    {
        private int _leases;

        public int Leases => Volatile.Read(ref _leases);

        public override Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _leases);
            return base.LeaseDueAsync(request, cancellationToken);
        }
    }
}
