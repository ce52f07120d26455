namespace FollowUps.Tests.Delivery;

/// <summary>
/// An inline send on a store that starts a follow-up in its claim (<see cref="IFollowUpClaimStarter"/>, the store being
/// the do-not-contact list's too): one write for the claim, the pre-send check and the move to sending, then the send and
/// its settle, to the same outcomes and history as the three steps (but for a cancelled write: skipped, nothing stored,
/// where the three steps could leave it queued); the three steps wherever that one write would not be the same.
/// </summary>
public sealed class ClaimAndStartTests
{
    private static readonly CampaignFollowUpSettings SmsOnly = new() { Sms = Sample.AllChannels.Sms };

    private static readonly FollowUpKey Key = new("account-1", "campaign-1", "contact-1", FollowUpKind.Sms);

    [Fact]
    public async Task AnAnsweredCall_IsClaimedAndStartedInOneWrite_ThenSettled_WithTheHistoryOfTheThreeSteps()
    {
        var steps = new EngineHarness(sms: _ => SendResult.Sent("SM1"));
        var store = new StartingStore(steps.Time);
        var harness = new EngineHarness(sms: _ => SendResult.Sent("SM1"), store: store);

        var report = await harness.HandleAsync(Sample.Answered(), SmsOnly);
        var stepwise = await steps.HandleAsync(Sample.Answered(), SmsOnly);

        report.Sms.Should().BeEquivalentTo(stepwise.Sms);
        (store.Starts, store.Claims, store.Updates).Should().Be((1, 0, 1), "one write claims and starts, one settles");
        harness.Sms.Messages.Should().ContainSingle();
        (await store.ReadHistoryAsync(Key, CancellationToken.None)).Select(e => (e.State, e.Attempt))
            .Should().Equal((await steps.Store.ReadHistoryAsync(Key, CancellationToken.None)).Select(e => (e.State, e.Attempt)))
            .And.Equal((FollowUpState.Claimed, 0), (FollowUpState.Sending, 1), (FollowUpState.Sent, 1));
    }

    [Fact]
    public async Task AnEntryAddedBetweenThePlanAndTheClaim_StopsTheSend_AndCancelsTheFollowUp()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EngineHarness.Start);
        var store = new StartingStore(time);
        var harness = new EngineHarness(store: store, time: time);
        store.Before = () => harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Phone, "+1 415 555 2671");

        var report = await harness.HandleAsync(Sample.Answered(), SmsOnly);

        report.Sms.Reason.Should().Be(OutcomeReason.Suppressed, report.Sms.Detail);
        harness.Sms.Messages.Should().BeEmpty();
        (await store.FindAsync(Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Cancelled);
    }

    [Fact]
    public async Task TheHostCancellingDuringTheWrite_SkipsTheFollowUp_NothingStoredOrSent()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EngineHarness.Start);
        var store = new StartingStore(time);
        var harness = new EngineHarness(sms: _ => SendResult.Sent("SM1"), store: store, time: time);
        using var host = new CancellationTokenSource();
        store.Before = () => host.CancelAsync();

        var report = await harness.HandleAsync(Sample.Answered(), SmsOnly, host.Token);

        (report.Sms.Status, report.Sms.Reason).Should().Be((OutcomeStatus.Skipped, OutcomeReason.Cancelled), report.Sms.Detail);
        harness.Sms.Messages.Should().BeEmpty();
        (await store.FindAsync(Key, CancellationToken.None)).Should().BeNull("a later call can still send it");
    }

    [Fact]
    public async Task ItsOwnEarlierClaimFoundStillClaimed_IsSentByTheThreeSteps()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EngineHarness.Start);
        var store = new StartingStore(time) { FindsItsOwnClaim = true };
        var harness = new EngineHarness(sms: _ => SendResult.Sent("SM1"), store: store, time: time);

        var report = await harness.HandleAsync(Sample.Answered(), SmsOnly);

        report.Sms.IsSent.Should().BeTrue(report.Sms.Detail);
        (store.Starts, store.Updates).Should().Be((1, 2), "the move to sending and the settle, each a write of its own");
        (await store.FindAsync(Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Sent);
    }

    [Fact]
    public async Task TheListKeptByAnotherStore_TheEngineTakesTheThreeSteps()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EngineHarness.Start);
        var store = new StartingStore(time);
        var harness = new EngineHarness(sms: _ => SendResult.Sent("SM1"), store: new OutboxOnly(store), time: time);

        var report = await harness.HandleAsync(Sample.Answered(), SmsOnly);

        report.Sms.IsSent.Should().BeTrue(report.Sms.Detail);
        (store.Starts, store.Claims, store.Updates).Should().Be((0, 1, 2), "a list elsewhere cannot be checked in the claim's write");
    }

    /// <summary>The outbox of a <see cref="StartingStore"/> alone, so the engine takes its list from elsewhere.</summary>
    private sealed class OutboxOnly(StartingStore inner) : IFollowUpStore, IFollowUpClaimStarter
    {
        public ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken) => inner.ClaimAndStartAsync(claim, sending, cancellationToken);

        public Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken) => inner.ClaimAsync(record, cancellationToken);

        public Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken) => inner.TryUpdateAsync(current, next, cancellationToken);

        public Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken) => inner.LeaseDueAsync(request, cancellationToken);

        public Task<IReadOnlyList<FollowUpRecord>> CancelPendingAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, FollowUpOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.CancelPendingAsync(accountId, targets, outcome, now, cancellationToken);

        public Task<FollowUpRecord?> FindAsync(FollowUpKey key, CancellationToken cancellationToken) => inner.FindAsync(key, cancellationToken);

        public Task<FollowUpRecord?> FindByProviderMessageIdAsync(string providerMessageId, CancellationToken cancellationToken) => inner.FindByProviderMessageIdAsync(providerMessageId, cancellationToken);

        public Task<IReadOnlyList<FollowUpRecord>> FindByCallAsync(string accountId, string callId, CancellationToken cancellationToken) => inner.FindByCallAsync(accountId, callId, cancellationToken);

        public Task<DeliveryUpdate> RecordDeliveryAsync(DeliveryReport report, CancellationToken cancellationToken) => inner.RecordDeliveryAsync(report, cancellationToken);

        public Task<IReadOnlyList<FollowUpRecord>> ListAsync(FollowUpQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

        public Task<IReadOnlyList<FollowUpHistoryEntry>> ReadHistoryAsync(FollowUpKey key, CancellationToken cancellationToken) => inner.ReadHistoryAsync(key, cancellationToken);
    }
}
