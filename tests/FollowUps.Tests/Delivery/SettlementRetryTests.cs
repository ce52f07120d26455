using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Tests.Delivery;

/// <summary>
/// A send the provider accepted while the store could not record it (a database restarting, failing over): the result
/// is kept and written once the store answers, so the follow-up ends sent with its message id, not unknown.
/// </summary>
public sealed class SettlementRetryTests
{
    private static readonly CampaignFollowUpSettings SmsOnly = new() { Sms = Sample.AllChannels.Sms };

    private static readonly FollowUpKey Key = new("account-1", "campaign-1", "contact-1", FollowUpKind.Sms);

    [Fact]
    public async Task HandleCallCompleted_StoreDownWhileRecordingTheSend_RecordsItSentOnceTheStoreIsBack()
    {
        var clock = new FakeTimeProvider(EngineHarness.Start);
        var store = new OutageStore(clock);
        var harness = new EngineHarness(sms: _ => SendResult.Sent("SM-late"), store: store, time: clock);
        store.Down = true;

        var report = await harness.HandleAsync(Sample.Answered(), SmsOnly);

        report.Sms.IsSent.Should().BeTrue();
        (await store.FindAsync(Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Sending);

        store.Down = false;
        var recorded = await EventuallyAsync(harness, Key, record => record.State == FollowUpState.Sent);

        recorded.Outcome!.ProviderMessageId.Should().Be("SM-late");
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleCallCompleted_StoreBackOnlyAfterADispatcherTookTheSendOver_TheSendIsProvenAndSettledSent()
    {
        var clock = new FakeTimeProvider(EngineHarness.Start);
        var store = new OutageStore(clock);
        var harness = new EngineHarness(sms: _ => SendResult.Sent("SM-proven"), store: store, time: clock);
        store.Down = true;
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        // The store comes back only after the lease ran out, and a dispatcher takes the send over first, as a crashed one.
        harness.Time.Advance(harness.Delivery.LeaseDuration + TimeSpan.FromSeconds(1));
        store.HoldLateWrites = true;
        store.Down = false;
        await harness.Dispatcher.RunOnceAsync(CancellationToken.None);
        (await store.FindAsync(Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Unknown);

        // The engine's kept result then proves the send, and the next dispatcher run records it sent, never sending again.
        store.HoldLateWrites = false;
        await EventuallyAsync(harness, Key, record => record.Delivery is not null);
        await harness.Dispatcher.RunOnceAsync(CancellationToken.None);

        var recorded = await store.FindAsync(Key, CancellationToken.None);
        recorded!.State.Should().Be(FollowUpState.Sent);
        recorded.Outcome!.ProviderMessageId.Should().Be("SM-proven");
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleCallCompleted_ProviderRefusedWhileTheStoreWasDownAndADispatcherTookTheSendOver_ItIsRetriedNotLeftUnknown()
    {
        var clock = new FakeTimeProvider(EngineHarness.Start);
        var store = new OutageStore(clock);
        var tries = 0;
        var harness = new EngineHarness(sms: _ => Interlocked.Increment(ref tries) == 1 ? SendResult.TransientFailure("503 busy") : SendResult.Sent("SM-second"), store: store, time: clock);
        store.Down = true;
        (await harness.HandleAsync(Sample.Answered(), SmsOnly)).Sms.Status.Should().Be(OutcomeStatus.Queued);

        // The store comes back only after the lease ran out: a dispatcher takes the send over as a stopped one (unknown).
        harness.Time.Advance(harness.Delivery.LeaseDuration + TimeSpan.FromSeconds(1));
        store.HoldLateWrites = true;
        store.Down = false;
        await harness.Dispatcher.RunOnceAsync(CancellationToken.None);
        (await store.FindAsync(Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Unknown);

        // The engine knows the provider refused it (nothing went): the kept result makes it wait for a retry, which goes.
        store.HoldLateWrites = false;
        await EventuallyAsync(harness, Key, record => record.State == FollowUpState.Waiting);
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        await harness.Dispatcher.RunOnceAsync(CancellationToken.None);

        var recorded = await store.FindAsync(Key, CancellationToken.None);
        recorded!.State.Should().Be(FollowUpState.Sent);
        recorded.Outcome!.ProviderMessageId.Should().Be("SM-second");
        harness.Sms.Messages.Should().HaveCount(2);
    }

    [Fact]
    public async Task Dispatcher_StoreDownWhileRecordingARetrySent_ObserversHearOfItOnceItIsWritten()
    {
        var clock = new FakeTimeProvider(EngineHarness.Start);
        var store = new OutageStore(clock);
        var tries = 0;
        var harness = new EngineHarness(sms: _ => Interlocked.Increment(ref tries) == 1 ? SendResult.TransientFailure("503") : SendResult.Sent("SM-retry"), store: store, time: clock);
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        (await harness.HandleAsync(Sample.Answered(), SmsOnly)).Sms.Status.Should().Be(OutcomeStatus.Queued);

        // The retry goes; the store loses only its result, which the dispatcher's send keeps and writes later.
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        store.LosesResults = true;
        await harness.Dispatcher.RunOnceAsync(CancellationToken.None);
        store.LosesResults = false;
        await EventuallyAsync(harness, Key, record => record.State == FollowUpState.Sent);

        observer.Settled.Should().ContainSingle("the host hears of every follow-up the dispatcher settles")
            .Which.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = "SM-retry" } });
        harness.Sms.Messages.Should().HaveCount(2);
    }

    /// <summary>Moves the clock on in steps until <paramref name="reached"/> holds for the stored record (the kept result is written in the background).</summary>
    private static async Task<FollowUpRecord> EventuallyAsync(EngineHarness harness, FollowUpKey key, Func<FollowUpRecord, bool> reached)
    {
        for (var step = 0; step < 400; step++)
        {
            if (await harness.Store.FindAsync(key, CancellationToken.None) is { } record && reached(record))
            {
                return record;
            }

            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        throw new Xunit.Sdk.XunitException($"Follow-up {key} never reached the expected state: {await harness.Store.FindAsync(key, CancellationToken.None)}");
    }

    /// <summary>An outbox whose writes of a send's result throw while it is down, as a database that went away would.</summary>
    private sealed class OutageStore(TimeProvider time) : ForwardingStore(time)
    {
        public volatile bool Down;

        /// <summary>While set, the engine's late writes of a result wait (they throw as if still down), so a dispatcher gets there first.</summary>
        public volatile bool HoldLateWrites;

        /// <summary>While set, only the writes of a send's result throw: leases and claims still work.</summary>
        public volatile bool LosesResults;

        public override Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken) =>
            current.State == FollowUpState.Sending && (((Down || LosesResults) && next.State != FollowUpState.Sending) || (HoldLateWrites && next.State is not (FollowUpState.Sending or FollowUpState.Unknown)))
                ? throw new InvalidDataException("The database is unreachable.")
                : base.TryUpdateAsync(current, next, cancellationToken);

        public override Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken) =>
            Down ? throw new InvalidDataException("The database is unreachable.") : base.LeaseDueAsync(request, cancellationToken);
    }

    /// <summary>The follow-ups observers were told of.</summary>
    private sealed class RecordingObserver : IFollowUpObserver
    {
        private readonly List<FollowUpRecord> _settled = [];

        public IReadOnlyList<FollowUpRecord> Settled
        {
            get
            {
                lock (_settled)
                {
                    return [.. _settled];
                }
            }
        }

        public Task OnSettledAsync(FollowUpRecord record, CancellationToken cancellationToken)
        {
            lock (_settled)
            {
                _settled.Add(record);
            }

            return Task.CompletedTask;
        }
    }
}
