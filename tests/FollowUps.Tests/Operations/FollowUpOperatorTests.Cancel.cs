using System.Collections.Concurrent;
using FollowUps.Tests.Delivery;

namespace FollowUps.Tests.Operations;

/// <summary>Cancelling what has not gone out, for a paused campaign or a suspended account; never what went or is going.</summary>
public sealed partial class FollowUpOperatorTests
{
    [Fact]
    public async Task CancelWaiting_ByCampaignThenByAccount_CancelsWhatWaitsAndAsksToCancelWhatMayHaveGoneEachInTheHistory()
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

        (byCampaign, otherCampaignAfterIt, byAccount).Should().Be((523, FollowUpState.Waiting, 1), "520 claimed and one waiting cancelled, one sending and one unknown asked to cancel unless they went; then the other campaign's");
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
        foreach (var mayHaveGone in untouched[..2])
        {
            (await store.FindAsync(mayHaveGone, default))!.CancelRequest.Should().BeEquivalentTo(
                new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example" },
                "a sending or unknown one may go or have gone: it is asked to be cancelled only if it did not");
        }
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

    /// <summary>
    /// A campaign paused while one of its follow-ups is unknown: it may have gone, so it is not cancelled but asked to be; when
    /// the provider then says it never had it, it is cancelled instead of sent again.
    /// </summary>
    [Fact]
    public async Task CancelWaiting_UnknownThenTheProviderSaysAbsent_IsCancelledNotSentAgain()
    {
        var answers = new ConcurrentQueue<SendResult>([SendResult.Unknown("No answer within 30 seconds."), SendResult.Sent("SM-2")]);
        var harness = new EngineHarness(sms: _ => answers.TryDequeue(out var answer) ? answer : SendResult.PermanentFailure("a third send"), reconcile: _ => Reconciliation.Absent("No message to the number."));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        var count = await harness.Operator.CancelWaitingAsync("account-1", "campaign-1", new OperatorNote("ops@acme.example", "Campaign paused."));
        var marked = await harness.Store.FindAsync(Sms, default);
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();
        await harness.Dispatcher.RunOnceAsync();

        count.Should().Be(1);
        marked.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, CancelRequest = new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example" } });
        harness.Sms.Messages.Should().ContainSingle("the campaign was paused before the provider said the first never existed");
        var cancelled = await harness.Store.FindAsync(Sms, default);
        cancelled.Should().BeEquivalentTo(new { State = FollowUpState.Cancelled, Outcome = new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example" } });
        cancelled!.Outcome!.Detail.Should().Contain("Campaign paused.").And.Contain("No message to the number.");
    }

    /// <summary>A paused campaign's unknown follow-up the provider does have is recorded as sent: the pause came after it went.</summary>
    [Fact]
    public async Task CancelWaiting_UnknownThenTheProviderFindsIt_IsSent()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer within 30 seconds."), reconcile: _ => Reconciliation.Found("SM-1", "Message SM-1 exists."));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        await harness.Operator.CancelWaitingAsync("account-1", "campaign-1", new OperatorNote("ops@acme.example", "Campaign paused."));
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();

        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = "SM-1" } });
    }

    /// <summary>
    /// A waiting retry whose earlier attempt the provider reported (due now, to be recorded as sent) is not cancelled as if
    /// it never went: the contact has the message.
    /// </summary>
    [Fact]
    public async Task CancelWaiting_RetryWhoseLastAttemptWasReported_IsRecordedAsSentNotCancelled()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer within 30 seconds."), reconcile: _ => Reconciliation.Absent("No message to the number."));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync(); // Absent: waiting for attempt 2.
        await harness.Store.RecordDeliveryAsync(new DeliveryReport { Key = Sms, Attempt = 1, ProviderMessageId = "SM-1", Status = DeliveryStatus.Delivered, ReceivedAt = harness.Time.GetUtcNow() }, default);

        var count = await harness.Operator.CancelWaitingAsync("account-1", "campaign-1", new OperatorNote("ops@acme.example", "Campaign paused."));
        await harness.Dispatcher.RunOnceAsync();

        count.Should().Be(0);
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent, "the provider reported attempt 1 delivered");
        harness.Sms.Messages.Should().ContainSingle();
    }

    /// <summary>
    /// A campaign paused while its follow-up's send is in flight: the send ends unknown, and when the provider says it
    /// never went, it is cancelled, not sent again for the paused campaign.
    /// </summary>
    [Fact]
    public async Task CancelWaiting_WhileTheSendIsInFlightAndEndsUnknown_AbsentSendsNothing()
    {
        EngineHarness harness = null!;
        var cancelled = -1;
        harness = new EngineHarness(
            sms: message =>
            {
                if (message.Attempt == 1)
                {
                    cancelled = harness.Operator.CancelWaitingAsync("account-1", "campaign-1", new OperatorNote("ops@acme.example", "Campaign paused.")).GetAwaiter().GetResult();
                    return SendResult.Unknown("No answer within 30 seconds.");
                }

                return SendResult.Sent("SM-2");
            },
            reconcile: _ => Reconciliation.Absent("No message to the number."));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();
        await harness.Dispatcher.RunOnceAsync();

        cancelled.Should().Be(1, "the send under way is asked to be cancelled unless it went");
        harness.Sms.Messages.Should().ContainSingle("the campaign was paused before the provider said attempt 1 never existed");
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Cancelled, Outcome = new { Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example" } });
    }

    /// <summary>A campaign paused while a send is in flight that then fails for now: its retry is cancelled before it goes.</summary>
    [Fact]
    public async Task CancelWaiting_WhileTheSendIsInFlightAndFailsForNow_TheRetryIsCancelled()
    {
        EngineHarness harness = null!;
        harness = new EngineHarness(sms: message =>
        {
            if (message.Attempt == 1)
            {
                harness.Operator.CancelWaitingAsync("account-1", "campaign-1", new OperatorNote("ops@acme.example", "Campaign paused.")).GetAwaiter().GetResult();
                return SendResult.TransientFailure("503 Service Unavailable");
            }

            return SendResult.Sent("SM-2");
        });
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        harness.Time.Advance(TimeSpan.FromHours(2));
        await harness.Dispatcher.RunOnceAsync();

        harness.Sms.Messages.Should().ContainSingle("the retry came after the pause");
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Cancelled, Attempts = 1, Outcome = new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.OperatorDecision } });
    }

    /// <summary>
    /// The mark is written from a fresh read: if, after the operator listed the page, attempt 1 was settled absent and
    /// attempt 2 went out unknown, the mark keeps attempt 2 (its number and start), and attempt 2's report still applies.
    /// </summary>
    [Fact]
    public async Task CancelWaiting_UnknownWhoseNextAttemptWentOutMeanwhile_MarksTheAttemptThatWentOut()
    {
        var store = new RetryBeforeMarkStore();
        var harness = new EngineHarness(store: store, sms: _ => SendResult.Unknown("No answer within 30 seconds."), reconcile: _ => Reconciliation.Absent("No message to the number."));
        store.Meanwhile = async () =>
        {
            harness.Time.Advance(harness.Delivery.ReconcileInterval);
            await harness.Dispatcher.RunOnceAsync(); // Absent: waiting for attempt 2.
            await harness.Dispatcher.RunOnceAsync(); // Attempt 2 sent, no answer: unknown again.
        };
        await harness.HandleAsync(Sample.Answered(), SmsOnly);

        await harness.Operator.CancelWaitingAsync("account-1", "campaign-1", new OperatorNote("ops@acme.example", "Campaign paused."));
        var marked = await harness.Store.FindAsync(Sms, default);
        var report = await harness.Store.RecordDeliveryAsync(new DeliveryReport { Key = Sms, Attempt = 2, ProviderMessageId = "SM-2", Status = DeliveryStatus.Delivered, ReceivedAt = harness.Time.GetUtcNow() }, default);

        harness.Sms.Messages.Select(m => m.Attempt).Should().Equal([1, 2], "the race happened");
        (marked!.Attempts, marked.Outcome?.Reason, report).Should().Be((2, OutcomeReason.OperatorDecision, DeliveryUpdate.Applied));
    }

    /// <summary>Runs <see cref="Meanwhile"/> once, right before the operator's first mark of an unknown follow-up is written.</summary>
    private sealed class RetryBeforeMarkStore : ForwardingStore
    {
        private int _once;

        public Func<Task>? Meanwhile { get; set; }

        public override async Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
        {
            if (next is { State: FollowUpState.Unknown, Outcome.Reason: OutcomeReason.OperatorDecision } && Interlocked.Exchange(ref _once, 1) == 0)
            {
                await Meanwhile!();
            }

            return await base.TryUpdateAsync(current, next, cancellationToken);
        }
    }

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
                Leased.AddRange(await LeaseDueAsync(new("dispatcher-elsewhere", LeaseAt, LeaseAt.AddMinutes(2), 10), cancellationToken));
            }

            return await base.TryUpdateAsync(current, next, cancellationToken);
        }
    }
}
