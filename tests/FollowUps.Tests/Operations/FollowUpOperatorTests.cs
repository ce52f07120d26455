using System.Collections.Concurrent;
using FollowUps.Tests.Delivery;

namespace FollowUps.Tests.Operations;

/// <summary>
/// The operator's controls: list, settle an unknown send by hand (sent, or not sent and so sent again), and cancel what
/// has not gone out; every change kept in the history with who asked and why, and never racing a send.
/// </summary>
public sealed class FollowUpOperatorTests
{
    private static readonly FollowUpKey Sms = new("account-1", "campaign-1", "contact-1", FollowUpKind.Sms);
    private static readonly CampaignFollowUpSettings SmsOnly = Sample.AllChannels with { Email = EmailFollowUpSettings.Disabled };
    private static readonly OperatorNote Note = new("ops@acme.example", "Twilio's console shows it.");

    [Fact]
    public async Task List_UnknownOfTheAccount_FindsThem()
    {
        var harness = await UnknownAsync();
        await harness.HandleAsync(Sample.Answered(contactId: "contact-2", callId: "call-2"), SmsOnly);

        var unknown = await harness.Operator.ListAsync(new FollowUpQuery { AccountId = "account-1", States = [FollowUpState.Unknown] });
        var act = () => harness.Operator.ListAsync(new FollowUpQuery { AccountId = "account-1", Limit = 0 });

        unknown.Select(r => r.Key).Should().Equal(Sms, Sms with { ContactId = "contact-2" });
        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*Limit*");
    }

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

    [Fact]
    public async Task CancelWaiting_ByCampaignThenByAccount_CancelsClaimedAndWaitingOnlyEachInTheHistory()
    {
        var harness = new EngineHarness();
        var now = harness.Time.GetUtcNow();
        var store = harness.Store;
        var claimed = new List<FollowUpKey>();
        for (var i = 0; i < 520; i++)
        {
            claimed.Add(await SeedAsync(store, Key("campaign-1", $"c{i:D3}"), now, FollowUpState.Claimed));
        }

        var waiting = await SeedAsync(store, Key("campaign-1", "waiting"), now, FollowUpState.Waiting);
        var untouched = new[]
        {
            await SeedAsync(store, Key("campaign-1", "sending"), now, FollowUpState.Sending),
            await SeedAsync(store, Key("campaign-1", "unknown"), now, FollowUpState.Unknown),
            await SeedAsync(store, Key("campaign-1", "sent"), now, FollowUpState.Sent),
            await SeedAsync(store, Key("campaign-1", "other-account") with { AccountId = "account-2" }, now, FollowUpState.Claimed),
        };
        var otherCampaign = await SeedAsync(store, Key("campaign-2", "c000"), now, FollowUpState.Waiting);
        var paused = new OperatorNote("ops@acme.example", "Campaign paused at the client's request.");

        var byCampaign = await harness.Operator.CancelWaitingAsync("account-1", "campaign-1", paused);
        var otherCampaignAfterIt = (await store.FindAsync(otherCampaign, default))!.State;
        var byAccount = await harness.Operator.CancelWaitingAsync("account-1", null, new OperatorNote("ops@acme.example", "Account suspended."));

        (byCampaign, otherCampaignAfterIt, byAccount).Should().Be((521, FollowUpState.Waiting, 1));
        foreach (var key in claimed.Append(waiting))
        {
            var entry = (await store.ReadHistoryAsync(key, default))[^1];
            entry.Should().BeEquivalentTo(new { State = FollowUpState.Cancelled, Outcome = new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example" } });
            entry.Outcome!.Detail.Should().EndWith("Campaign paused at the client's request.");
        }

        (await store.FindAsync(otherCampaign, default))!.Outcome!.Detail.Should().EndWith("Account suspended.");
        var states = new List<FollowUpState>();
        foreach (var key in untouched)
        {
            states.Add((await store.FindAsync(key, default))!.State);
        }

        states.Should().Equal(FollowUpState.Sending, FollowUpState.Unknown, FollowUpState.Sent, FollowUpState.Claimed);
    }

    /// <summary>An inline send whose follow-up an operator cancels right after the claim sends nothing.</summary>
    [Fact]
    public async Task CancelWaiting_RightAfterAnInlineClaim_TheInlineSendSendsNothing()
    {
        var store = new CancelOnClaimStore();
        var harness = new EngineHarness(store: store);
        store.Operator = () => harness.Operator;

        var report = await harness.HandleAsync(Sample.Answered(), SmsOnly);

        store.Cancelled.Should().Be(1);
        harness.Sms.Messages.Should().BeEmpty();
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Cancelled, Outcome = new { DecidedBy = "ops@acme.example" } });
        report.Sms.IsSent.Should().BeFalse();
        (await harness.Dispatcher.RunOnceAsync()).Should().Be(0);
    }

    /// <summary>
    /// Found by review: a dispatcher leasing a waiting follow-up between the operator's list and its write changed only the
    /// lease, yet the cancellation skipped it, and the dispatcher then sent it for a paused campaign.
    /// </summary>
    [Fact]
    public async Task CancelWaiting_LeasedByADispatcherMeanwhile_IsStillCancelledAndNotSent()
    {
        var store = new LeaseBeforeCancelStore();
        var harness = new EngineHarness(store: store, sms: _ => SendResult.TransientFailure("503 Service Unavailable"));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        harness.Time.Advance(harness.Delivery.RetryMaxDelay);
        store.LeaseAt = harness.Time.GetUtcNow();

        var cancelled = await harness.Operator.CancelWaitingAsync("account-1", null, Note);
        harness.Time.Advance(harness.Delivery.LeaseDuration + TimeSpan.FromSeconds(1));
        await harness.Dispatcher.RunOnceAsync();

        store.Leased.Should().ContainSingle(r => r.Key == Sms, "the race happened");
        cancelled.Should().Be(1);
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Cancelled);
        harness.Sms.Messages.Should().ContainSingle("only the first attempt, before the cancellation");
    }

    [Theory]
    [InlineData("", "why")]
    [InlineData("ops", " ")]
    [InlineData(null, "why")]
    public void OperatorNote_BlankByOrReason_IsRefused(string? by, string reason)
    {
        var act = () => new OperatorNote(by!, reason);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void OperatorNote_TooLongOrPadded_RefusedOrTrimmed()
    {
        var tooLongBy = () => new OperatorNote(new string('a', OperatorNote.MaxByLength + 1), "why");
        var tooLongReason = () => new OperatorNote("ops", new string('a', OperatorNote.MaxReasonLength + 1));

        tooLongBy.Should().Throw<ArgumentException>().WithMessage("*200*");
        tooLongReason.Should().Throw<ArgumentException>().WithMessage("*1000*");
        new OperatorNote("  ops@acme.example ", " paused ").Should().BeEquivalentTo(new { By = "ops@acme.example", Reason = "paused" });
    }

    /// <summary>A harness whose SMS was sent inline with no answer: unknown.</summary>
    private static async Task<EngineHarness> UnknownAsync(Func<SmsMessage, SendResult>? sms = null)
    {
        var harness = new EngineHarness(sms: sms ?? (_ => SendResult.Unknown("No answer within 30 seconds.")));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Unknown);
        return harness;
    }

    /// <summary>A harness whose unknown SMS expired at its deadline, still unknown.</summary>
    private static async Task<EngineHarness> ExpiredUnknownAsync()
    {
        var harness = await UnknownAsync();
        harness.Time.Advance(harness.Delivery.Deadline + TimeSpan.FromMinutes(1));
        await harness.Dispatcher.RunOnceAsync();
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Unknown } });
        return harness;
    }

    private static FollowUpKey Key(string campaign, string contact) => new("account-1", campaign, contact, FollowUpKind.Sms);

    /// <summary>Puts a follow-up into <paramref name="state"/> through the store's own moves.</summary>
    private static async Task<FollowUpKey> SeedAsync(IFollowUpStore store, FollowUpKey key, DateTimeOffset now, FollowUpState state)
    {
        var claim = new FollowUpRecord
        {
            Key = key,
            CallId = $"call-{key.ContactId}",
            Targets = [new(SuppressionTargetKind.ContactId, key.ContactId)],
            Sms = new SmsMessage { Key = key, To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental.\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest },
            State = FollowUpState.Claimed,
            LeaseOwner = "claimer",
            LeaseExpiresAt = now.AddMinutes(2),
            DueAt = now,
            ClaimedAt = now,
            Deadline = now.AddHours(24),
        };
        (await store.ClaimAsync(claim, default)).Won.Should().BeTrue();
        if (state == FollowUpState.Claimed)
        {
            return key;
        }

        var sending = claim with { State = FollowUpState.Sending, Attempts = 1 };
        (await store.TryUpdateAsync(claim, sending, default)).Should().BeTrue();
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = state == FollowUpState.Sent ? OutcomeStatus.Sent : OutcomeStatus.Unknown, Reason = OutcomeReason.None };
        var next = state switch
        {
            FollowUpState.Sending => null,
            FollowUpState.Waiting => sending with { State = state, LeaseOwner = null, DueAt = now.AddMinutes(5), WaitReason = WaitReason.Retry, Outcome = outcome with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.TransientFailure } },
            _ => sending with { State = state, LeaseOwner = null, DueAt = now.AddMinutes(1), Outcome = outcome },
        };
        if (next is not null)
        {
            (await store.TryUpdateAsync(sending, next, default)).Should().BeTrue();
        }

        return key;
    }

    /// <summary>An outbox where an operator cancels the account's waiting follow-ups the moment an SMS is claimed.</summary>
    private sealed class CancelOnClaimStore : ForwardingStore
    {
        public Func<IFollowUpOperator>? Operator { get; set; }

        public int Cancelled { get; private set; }

        public override async Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
        {
            var claim = await base.ClaimAsync(record, cancellationToken);
            Cancelled += await Operator!().CancelWaitingAsync(record.Key.AccountId, null, new OperatorNote("ops@acme.example", "Campaign paused."), cancellationToken);
            return claim;
        }
    }

    /// <summary>An outbox where a dispatcher leases what is due between the operator's list and its first cancelling write.</summary>
    private sealed class LeaseBeforeCancelStore : ForwardingStore
    {
        private int _once;

        public DateTimeOffset LeaseAt { get; set; }

        public List<FollowUpRecord> Leased { get; } = [];

        public override async Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
        {
            if (next.State == FollowUpState.Cancelled && Interlocked.Exchange(ref _once, 1) == 0)
            {
                Leased.AddRange(await LeaseDueAsync("dispatcher-elsewhere", LeaseAt, LeaseAt.AddMinutes(2), 10, cancellationToken));
            }

            return await base.TryUpdateAsync(current, next, cancellationToken);
        }
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
}
