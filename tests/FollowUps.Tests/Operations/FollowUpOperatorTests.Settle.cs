using System.Collections.Concurrent;
using FollowUps.Tests.Delivery;

namespace FollowUps.Tests.Operations;

/// <summary>Settling an unknown send by hand: sent, or not sent and so sent again; refused when there is nothing to settle or the provider already told.</summary>
public sealed partial class FollowUpOperatorTests
{
    [Fact]
    public async Task SettleAsSent_Unknown_IsSentDecidedByTheOperatorAndInTheHistory()
    {
        var harness = await UnknownAsync();
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        harness.Time.Advance(TimeSpan.FromMinutes(3));

        var result = await harness.Operator.SettleAsSentAsync(Sms, Note, " SM-seen ");

        result.Applied.Should().BeTrue();
        result.Detail.Should().Be("By hand, settled as sent, by ops@acme.example: Twilio's console shows it.");
        var record = await harness.Store.FindAsync(Sms, default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Sent, CompletedAt = harness.Time.GetUtcNow(), Outcome = new { Status = OutcomeStatus.Sent, Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example", ProviderMessageId = "SM-seen" } });
        (await harness.Operator.ReadHistoryAsync(Sms))[^1].Should().BeEquivalentTo(new { At = harness.Time.GetUtcNow(), State = FollowUpState.Sent, Outcome = new { DecidedBy = "ops@acme.example", Detail = result.Detail } });
        observer.Settled.Should().ContainSingle().Which.State.Should().Be(FollowUpState.Sent);
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task SettleAsNotSent_Unknown_WaitsDueNowAndTheDispatcherSendsAttemptTwo()
    {
        var answers = new ConcurrentQueue<SendResult>([SendResult.Unknown("No answer within 30 seconds."), SendResult.Sent("SM-2")]);
        var harness = await UnknownAsync(_ => answers.TryDequeue(out var answer) ? answer : SendResult.PermanentFailure("a third send"));

        var result = await harness.Operator.SettleAsNotSentAsync(Sms, new OperatorNote("ops@acme.example", "No message in Twilio's log."));
        var waiting = await harness.Store.FindAsync(Sms, default);
        await harness.Dispatcher.RunOnceAsync();

        result.Applied.Should().BeTrue();
        waiting.Should().BeEquivalentTo(new { State = FollowUpState.Waiting, DueAt = harness.Time.GetUtcNow(), WaitReason = WaitReason.Retry, Outcome = new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example" } });
        harness.Sms.Messages.Select(m => m.Attempt).Should().Equal(1, 2);
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 2, Outcome = new { ProviderMessageId = "SM-2", DecidedBy = (string?)null } });
        (await harness.Operator.ReadHistoryAsync(Sms)).Should().ContainSingle(e => e.State == FollowUpState.Waiting).Which.Outcome!.Detail.Should().Contain("No message in Twilio's log.");
    }

    /// <summary>A provider's report about the last attempt proves it was sent: "not sent" is refused, so no second message goes out.</summary>
    [Fact]
    public async Task SettleAsNotSent_UnknownTheProviderReportedMeanwhile_IsRefusedAndNotResent()
    {
        var harness = await UnknownAsync();
        await harness.Store.RecordDeliveryAsync(new DeliveryReport { Key = Sms, Attempt = 1, ProviderMessageId = "SM-1", Status = DeliveryStatus.Delivered, ReceivedAt = harness.Time.GetUtcNow() }, default);

        var result = await harness.Operator.SettleAsNotSentAsync(Sms, Note);
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();

        result.Should().BeEquivalentTo(new { Applied = false, Record = new { State = FollowUpState.Unknown } });
        result.Detail.Should().Contain("SM-1").And.Contain("Delivered");
        harness.Sms.Messages.Should().ContainSingle();
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent);
    }

    [Fact]
    public async Task SettleAsSent_ExpiredUnknown_IsSent()
    {
        var harness = await ExpiredUnknownAsync();

        var result = await harness.Operator.SettleAsSentAsync(Sms, Note);

        result.Applied.Should().BeTrue();
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { Status = OutcomeStatus.Sent, DecidedBy = "ops@acme.example" } });
    }

    [Fact]
    public async Task SettleAsNotSent_ExpiredUnknown_StaysExpiredKnownNotSentAndIsNotResent()
    {
        var harness = await ExpiredUnknownAsync();

        var result = await harness.Operator.SettleAsNotSentAsync(Sms, Note);
        await harness.Dispatcher.RunOnceAsync();

        result.Applied.Should().BeTrue();
        result.Detail.Should().Contain("its deadline passed");
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example" } });
        harness.Sms.Messages.Should().ContainSingle();
        (await harness.Operator.SettleAsSentAsync(Sms, Note)).Applied.Should().BeFalse("it is known not sent now");
    }

    [Fact]
    public async Task Settle_SentWaitingOrNeverClaimed_IsNotAppliedAndSaysWhy()
    {
        var harness = new EngineHarness(sms: _ => SendResult.TransientFailure("503 Service Unavailable"));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        var sentHarness = new EngineHarness();
        await sentHarness.HandleAsync(Sample.Answered(), SmsOnly);

        var waiting = await harness.Operator.SettleAsSentAsync(Sms, Note);
        var sent = await sentHarness.Operator.SettleAsNotSentAsync(Sms, Note);
        var never = await harness.Operator.SettleAsSentAsync(Sms with { ContactId = "nobody" }, Note);

        waiting.Should().BeEquivalentTo(new { Applied = false, Detail = "It is Waiting (Failed), not unknown: there is nothing to settle.", Record = new { State = FollowUpState.Waiting } });
        sent.Should().BeEquivalentTo(new { Applied = false, Detail = "It is Sent (Sent), not unknown: there is nothing to settle." });
        never.Should().BeEquivalentTo(new { Applied = false, Record = (FollowUpRecord?)null });
        never.Detail.Should().StartWith("No follow-up ");
        sentHarness.Sms.Messages.Should().ContainSingle();
        (await sentHarness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent);
    }

    /// <summary>
    /// A dispatcher asking the provider holds the follow-up: an operator's settle waits its turn (refused with a sentence),
    /// so the provider's "found" is written and no second message goes out.
    /// </summary>
    [Fact]
    public async Task SettleAsNotSent_WhileADispatcherAsksAndTheProviderFindsIt_IsRefusedAndNothingIsResent()
    {
        EngineHarness harness = null!;
        OperatorResult? settled = null;
        var answers = new ConcurrentQueue<SendResult>([SendResult.Unknown("No answer within 30 seconds."), SendResult.Sent("SM-2")]);
        harness = new EngineHarness(
            sms: _ => answers.TryDequeue(out var answer) ? answer : SendResult.PermanentFailure("a third send"),
            reconcile: _ =>
            {
                settled ??= harness.Operator.SettleAsNotSentAsync(Sms, new OperatorNote("ops@acme.example", "Nothing in the console.")).GetAwaiter().GetResult();
                return Reconciliation.Found("SM-1", "Message SM-1 exists.");
            });
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();
        await harness.Dispatcher.RunOnceAsync();

        settled.Should().BeEquivalentTo(new { Applied = false, Record = new { State = FollowUpState.Unknown } });
        settled!.Detail.Should().Contain("asking the provider");
        harness.Sms.Messages.Should().ContainSingle("the provider had the message");
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = "SM-1" } });
    }
}
