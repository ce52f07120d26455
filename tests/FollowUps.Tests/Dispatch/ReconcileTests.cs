using System.Collections.Concurrent;
using FollowUps.Tests.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Tests.Dispatch;

/// <summary>
/// The dispatcher settles unknown sends: it asks the SMS sender's provider once each is due (found → sent, absent → a
/// new attempt, cannot tell → asked again later, expired unknown at the deadline), lets an email without anyone to ask
/// rest until its deadline, and takes a delivery report as proof. Never a second send without an answer. Fake clock.
/// </summary>
public sealed class ReconcileTests
{
    private static readonly FollowUpKey Sms = new("account-1", "campaign-1", "contact-1", FollowUpKind.Sms);
    private static readonly FollowUpKey Email = Sms with { Kind = FollowUpKind.Email };
    private static readonly CampaignFollowUpSettings SmsOnly = Sample.AllChannels with { Email = EmailFollowUpSettings.Disabled };
    private static readonly CampaignFollowUpSettings EmailOnly = Sample.AllChannels with { Sms = SmsFollowUpSettings.Disabled };

    [Fact]
    public async Task RunOnce_UnknownTheProviderHas_AskedOnceDueThenSentWithItsIdAndNotResent()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer within 30 seconds."), reconcile: _ => Reconciliation.Found("SM-found", "Message SM-found exists."));
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        var early = await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(harness.Delivery.ReconcileInterval - TimeSpan.FromSeconds(1));
        var stillEarly = await harness.Dispatcher.RunOnceAsync();
        var askedEarly = harness.Reconciler!.Questions.Count;
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var due = await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(TimeSpan.FromHours(2));
        var after = await harness.Dispatcher.RunOnceAsync();

        (early, stillEarly, askedEarly, due, after).Should().Be((0, 0, 0, 1, 0));
        harness.Reconciler.Questions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Key = Sms, State = FollowUpState.Unknown, Attempts = 1 });
        harness.Reconciler.Questions[0].AttemptStartedAt.Should().NotBeNull();
        var record = await harness.Store.FindAsync(Sms, default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 1, Outcome = new { Status = OutcomeStatus.Sent, ProviderMessageId = "SM-found", Detail = "Message SM-found exists." } });
        harness.Sms.Messages.Should().ContainSingle();
        observer.Settled.Where(r => r.Key == Sms && r.State == FollowUpState.Sent).Should().ContainSingle();
    }

    /// <summary>An absent answer makes a waiting retry, not a settlement: observers hear of the follow-up once, when it is sent.</summary>
    [Fact]
    public async Task RunOnce_Absent_ObserversHearOnlyOfTheSend()
    {
        var harness = UnknownThenSent(reconcile: _ => Reconciliation.Absent("No message to the number."));
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();
        await harness.Dispatcher.RunOnceAsync();

        observer.Settled.Select(r => r.State).Should().Equal(FollowUpState.Sent);
    }

    [Fact]
    public async Task RunOnce_UnknownTheProviderDoesNotHave_SendsOneNewAttempt()
    {
        var harness = UnknownThenSent(reconcile: _ => Reconciliation.Absent("No message to the number."));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();
        await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(TimeSpan.FromHours(2));
        await harness.Dispatcher.RunOnceAsync();

        harness.Sms.Messages.Select(m => m.Attempt).Should().Equal(1, 2);
        harness.Reconciler!.Questions.Should().ContainSingle();
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 2, Outcome = new { ProviderMessageId = "SM-2" } });
    }

    [Fact]
    public async Task RunOnce_CannotTellWithATime_AskedAgainThenAndNotBefore()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer within 30 seconds."), reconcile: _ => Reconciliation.CannotTell("It is still queued at Twilio.", TimeSpan.FromMinutes(10)));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var early = await harness.Dispatcher.RunOnceAsync();
        var askedEarly = harness.Reconciler!.Questions.Count;
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var due = await harness.Dispatcher.RunOnceAsync();

        (early, askedEarly, due, harness.Reconciler.Questions.Count).Should().Be((0, 1, 1, 2));
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Unknown, Outcome = new { Status = OutcomeStatus.Unknown, Detail = "It is still queued at Twilio." } });
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task RunOnce_CannotTellUntilTheDeadline_ExpiresAsUnknownWithoutASecondSend()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer within 30 seconds."), reconcile: _ => Reconciliation.CannotTell("It is still queued at Twilio.", TimeSpan.FromHours(5)));
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        for (var i = 0; i < 7; i++)
        {
            harness.Time.Advance(TimeSpan.FromHours(5));
            await harness.Dispatcher.RunOnceAsync();
        }

        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.Expired } });
        harness.Reconciler!.Questions.Should().HaveCount(5, "asked at +5 h … +25 h, the last past the 24 h deadline");
        harness.Sms.Messages.Should().ContainSingle();
        observer.Settled.Should().ContainSingle(r => r.State == FollowUpState.Expired);
    }

    [Fact]
    public async Task RunOnce_ReconcilerThrows_StaysUnknownAskedAgainLaterAndLogged()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer within 30 seconds."), reconcile: _ => throw new HttpRequestException("Connection refused."));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();

        var record = await harness.Store.FindAsync(Sms, default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, LeaseOwner = (string?)null, DueAt = harness.Time.GetUtcNow() + harness.Delivery.ReconcileInterval });
        record!.Outcome!.Detail.Should().Contain("Connection refused.");
        harness.DispatcherLogger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 117 && r.Level == LogLevel.Warning);
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task RunOnce_UnknownEmailNobodyCanAsk_StaysUnknownUntilTheDeadlineThenExpiresUnknown()
    {
        var harness = new EngineHarness(email: _ => SendResult.Unknown("The connection broke after DATA."));
        await harness.HandleAsync(Sample.Answered(), EmailOnly);

        var early = await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        var first = await harness.Dispatcher.RunOnceAsync();
        var again = await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(TimeSpan.FromHours(12));
        var later = await harness.Dispatcher.RunOnceAsync();
        var during = (await harness.Store.FindAsync(Email, default))!.State;
        harness.Time.Advance(TimeSpan.FromHours(12));
        var atDeadline = await harness.Dispatcher.RunOnceAsync();

        // Looked at once per interval (so a report that came meanwhile settles it), never sent again.
        (early, first, again, later, during, atDeadline).Should().Be((0, 1, 0, 1, FollowUpState.Unknown, 1));
        (await harness.Store.FindAsync(Email, default)).Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.Expired } });
        harness.Email.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task RunOnce_UnknownEmailWithADeliveryReport_IsSentWithinTheInterval()
    {
        var harness = new EngineHarness(email: _ => SendResult.Unknown("The connection broke after DATA."));
        await harness.HandleAsync(Sample.Answered(), EmailOnly);
        var report = new DeliveryReport { Key = Email, Attempt = 1, ProviderMessageId = "<m1@mail.example>", Status = DeliveryStatus.Delivered, ReceivedAt = harness.Time.GetUtcNow().AddMinutes(3) };

        (await harness.Store.RecordDeliveryAsync(report, default)).Should().Be(DeliveryUpdate.Applied);
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();

        (await harness.Store.FindAsync(Email, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { Status = OutcomeStatus.Sent, ProviderMessageId = "<m1@mail.example>" } });
        harness.Email.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task RunOnce_WaitingRetryWhoseEarlierAttemptWasReported_IsSentNotResent()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer within 30 seconds."), reconcile: _ => Reconciliation.Absent("No message to the number."));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Waiting);

        var late = new DeliveryReport { Key = Sms, Attempt = 1, ProviderMessageId = "SM-1", Status = DeliveryStatus.Sent, ReceivedAt = harness.Time.GetUtcNow() };
        (await harness.Store.RecordDeliveryAsync(late, default)).Should().Be(DeliveryUpdate.Applied);
        await harness.Dispatcher.RunOnceAsync();

        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 1, Outcome = new { Status = OutcomeStatus.Sent, ProviderMessageId = "SM-1" } });
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task RecordDelivery_LateReportOfAttemptOneAfterAttemptTwo_IsAttemptOnesAndTheDuplicateShows()
    {
        var harness = UnknownThenSent(reconcile: _ => Reconciliation.Absent("No message to the number."));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();
        await harness.Dispatcher.RunOnceAsync();

        var late = new DeliveryReport { Key = Sms, Attempt = 1, ProviderMessageId = "SM-1", Status = DeliveryStatus.Delivered, ReceivedAt = harness.Time.GetUtcNow() };
        var update = await harness.Store.RecordDeliveryAsync(late, default);

        update.Should().Be(DeliveryUpdate.OtherAttempt);
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 2, Delivery = (DeliveryReport?)null, Outcome = new { ProviderMessageId = "SM-2" } });
        (await harness.Store.ReadHistoryAsync(Sms, default)).Should().ContainSingle(e => e.Delivery != null).Which.Should().BeEquivalentTo(new { Attempt = 1, Delivery = late });
    }

    private sealed class RecordingObserver : IFollowUpObserver
    {
        public ConcurrentQueue<FollowUpRecord> Settled { get; } = new();

        public Task OnSettledAsync(FollowUpRecord record, CancellationToken cancellationToken)
        {
            Settled.Enqueue(record);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// An unknown follow-up one dispatcher holds while it asks the provider is not leased by another (a second process, or
    /// a cron RunOnceAsync beside the hosted loop), which would ask again and make the first one's answer lose its write.
    /// </summary>
    [Fact]
    public async Task RunOnce_UnknownAnotherDispatcherIsAskingAbout_IsNotLeasedAgain()
    {
        var (harness, leasedMeanwhile) = await AskWhileAnotherDispatcherPollsAsync(questionTakes: TimeSpan.Zero);

        (leasedMeanwhile, harness.Reconciler!.Questions.Count).Should().Be((0, 1));
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent);
    }

    /// <summary>
    /// A message the provider shows that another follow-up was already sent as (another campaign's text to the same
    /// contact) is no proof for this one: it stays unknown, and nothing is sent again.
    /// </summary>
    [Fact]
    public async Task RunOnce_ProviderShowsAnotherFollowUpsMessage_StaysUnknown()
    {
        var answers = new ConcurrentQueue<SendResult>([SendResult.Sent("SM-other"), SendResult.Unknown("No answer within 30 seconds.")]);
        var harness = new EngineHarness(sms: _ => answers.TryDequeue(out var answer) ? answer : SendResult.PermanentFailure("a third send"), reconcile: _ => Reconciliation.Found("SM-other", "Message SM-other exists."));
        await harness.HandleAsync(Sample.Answered() with { CampaignId = "campaign-0" }, SmsOnly);
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();

        harness.Reconciler!.Questions.Should().ContainSingle();
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Unknown, Outcome = new { Status = OutcomeStatus.Unknown } });
        (await harness.Store.FindAsync(Sms, default))!.Outcome!.Detail.Should().Contain("SM-other").And.Contain("campaign-0");
        harness.Sms.Messages.Should().HaveCount(2);
    }

    /// <summary>A question slower than the lease keeps its lease (renewed, as a send's is): no other dispatcher asks too.</summary>
    [Fact]
    public async Task RunOnce_QuestionSlowerThanTheLease_KeepsTheFollowUpLeased()
    {
        var (harness, leasedMeanwhile) = await AskWhileAnotherDispatcherPollsAsync(questionTakes: new FollowUpDeliveryOptions().LeaseDuration + TimeSpan.FromSeconds(4));

        (leasedMeanwhile, harness.Reconciler!.Questions.Count).Should().Be((0, 1));
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent);
    }

    /// <summary>
    /// A report of attempt 1 that lands after a dispatcher leased the retry, before attempt 2 starts, stops attempt 2 (the
    /// store releases the follow-up, so the move to sending fails) and the next pass records it as sent.
    /// </summary>
    [Fact]
    public async Task RunOnce_ReportOfAttemptOneLandsAfterTheRetryWasLeased_AttemptTwoIsNotSent()
    {
        var time = new FakeTimeProvider(EngineHarness.Start);
        var store = new ReportAfterLeaseStore(time);
        var harness = UnknownThenSent(_ => Reconciliation.Absent("No message to the number."), store, time);
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync(); // Absent: waiting for attempt 2, due now.
        store.Report = new DeliveryReport { Key = Sms, Attempt = 1, ProviderMessageId = "SM-1", Status = DeliveryStatus.Sent, ReceivedAt = harness.Time.GetUtcNow() };

        await harness.Dispatcher.RunOnceAsync();
        await harness.Dispatcher.RunOnceAsync();

        store.Applied.Should().Be(DeliveryUpdate.Applied);
        harness.Sms.Messages.Should().ContainSingle("the provider reported attempt 1's message before attempt 2 started");
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 1, Outcome = new { ProviderMessageId = "SM-1" } });
    }

    /// <summary>A harness whose first SMS send gets no answer (unknown) and whose next is sent as SM-2; a third send fails for good.</summary>
    private static EngineHarness UnknownThenSent(Func<FollowUpRecord, Reconciliation> reconcile, IFollowUpStore? store = null, FakeTimeProvider? time = null)
    {
        var answers = new ConcurrentQueue<SendResult>([SendResult.Unknown("No answer within 30 seconds."), SendResult.Sent("SM-2")]);
        return new EngineHarness(sms: _ => answers.TryDequeue(out var answer) ? answer : SendResult.PermanentFailure("a third send"), reconcile: reconcile, store: store, time: time);
    }

    /// <summary>
    /// An unknown SMS, due to be asked about; while the provider is asked (a question that takes <paramref name="questionTakes"/>
    /// on the fake clock, in steps shorter than a lease renewal), a second dispatcher polls once. Returns how many it leased.
    /// </summary>
    private static async Task<(EngineHarness Harness, int? LeasedMeanwhile)> AskWhileAnotherDispatcherPollsAsync(TimeSpan questionTakes)
    {
        EngineHarness harness = null!;
        var asked = 0;
        int? leasedMeanwhile = null;
        harness = new EngineHarness(
            sms: _ => SendResult.Unknown("No answer within 30 seconds."),
            reconcile: _ =>
            {
                if (Interlocked.Increment(ref asked) == 1)
                {
                    for (var left = questionTakes; left > TimeSpan.Zero; left -= TimeSpan.FromSeconds(10))
                    {
                        harness.Time.Advance(left < TimeSpan.FromSeconds(10) ? left : TimeSpan.FromSeconds(10));
                    }

                    leasedMeanwhile = harness.Dispatcher.RunOnceAsync().GetAwaiter().GetResult();
                }

                return Reconciliation.Found("SM-found", "Message SM-found exists.");
            });
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        harness.Time.Advance(harness.Delivery.ReconcileInterval);

        await harness.Dispatcher.RunOnceAsync();
        return (harness, leasedMeanwhile);
    }

    /// <summary>Applies <see cref="Report"/> right after a dispatcher leased a waiting follow-up: the race a late report makes.</summary>
    private sealed class ReportAfterLeaseStore(TimeProvider time) : ForwardingStore(time)
    {
        public DeliveryReport? Report { get; set; }

        public DeliveryUpdate? Applied { get; private set; }

        public override async Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken)
        {
            var leased = await base.LeaseDueAsync(request, cancellationToken);
            if (Report is { } report && leased.Any(r => r.State == FollowUpState.Waiting))
            {
                Report = null;
                Applied = await RecordDeliveryAsync(report, cancellationToken);
            }

            return leased;
        }
    }
}
