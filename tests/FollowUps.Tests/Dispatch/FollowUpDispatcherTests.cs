using System.Collections.Concurrent;
using FollowUps.Tests.Delivery;

namespace FollowUps.Tests.Dispatch;

/// <summary>
/// The dispatcher works what the outbox holds for later: retries whose time came, follow-ups queued without a send, and
/// what a stopped process left; it checks the do-not-contact list before every send and tells observers what settled.
/// Driven by a fake clock.
/// </summary>
public sealed class FollowUpDispatcherTests
{
    private static readonly FollowUpKey Sms = new("account-1", "campaign-1", "contact-1", FollowUpKind.Sms);

    [Fact]
    public async Task RunOnce_RetryWhoseTimeCame_SendsItAndTellsObservers()
    {
        var answers = new Queue<SendResult>([SendResult.TransientFailure("503 Service Unavailable"), SendResult.Sent("SM-2")]);
        var harness = new EngineHarness(sms: _ => answers.Dequeue());
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        await harness.HandleAsync(Sample.Answered());

        var early = await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(harness.Delivery.RetryMaxDelay);
        var due = await harness.Dispatcher.RunOnceAsync();

        (early, due).Should().Be((0, 1), "the retry is leased only once its time came");
        var record = await harness.Store.FindAsync(Sms, default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 2, LeaseOwner = (string?)null });
        record!.Outcome!.ProviderMessageId.Should().Be("SM-2");
        observer.Settled.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Key = Sms, State = FollowUpState.Sent });
        harness.Sms.Messages.Should().HaveCount(2).And.OnlyContain(m => m.Body == harness.Sms.Messages[0].Body);
    }

    [Fact]
    public async Task RunOnce_StopBetweenAFailureAndItsRetry_CancelsTheRetry()
    {
        var harness = new EngineHarness(sms: _ => SendResult.TransientFailure("429 Too Many Requests"));
        await harness.HandleAsync(Sample.Answered());

        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Phone, "+1 415 555 2671", SuppressionReason.OptOutReply);
        harness.Time.Advance(harness.Delivery.RetryMaxDelay);
        await harness.Dispatcher.RunOnceAsync();

        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Cancelled, Attempts = 1 });
        harness.Sms.Messages.Should().ContainSingle("the retry never went");
    }

    /// <summary>The pre-send gate: an entry that reached the list without cancelling the follow-up (say, the host's own store) still stops it.</summary>
    [Fact]
    public async Task RunOnce_ContactListedBehindTheOutboxsBack_IsCancelledBeforeTheSend()
    {
        var harness = new EngineHarness(sms: _ => SendResult.TransientFailure("429 Too Many Requests"));
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        await harness.HandleAsync(Sample.Answered());
        var entry = new SuppressionEntry { AccountId = "account-1", Target = new(SuppressionTargetKind.Phone, "+14155552671"), Reason = SuppressionReason.DoNotContactList, CreatedAt = harness.Time.GetUtcNow() };
        await ((ISuppressionStore)harness.Store).AddSuppressionAsync(entry, default);

        harness.Time.Advance(harness.Delivery.RetryMaxDelay);
        await harness.Dispatcher.RunOnceAsync();

        observer.Settled.Should().ContainSingle().Which.Should().BeEquivalentTo(new { State = FollowUpState.Cancelled, Outcome = new { Reason = OutcomeReason.Suppressed } });
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task RunOnce_AlwaysTransient_ExpiresAfterTheLastAttempt()
    {
        var harness = new EngineHarness(sms: _ => SendResult.TransientFailure("503 Service Unavailable"), configureDelivery: o => o.MaxAttempts = 3);
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        await harness.HandleAsync(Sample.Answered());

        for (var i = 0; i < 5; i++)
        {
            harness.Time.Advance(harness.Delivery.RetryMaxDelay);
            await harness.Dispatcher.RunOnceAsync();
        }

        harness.Sms.Messages.Should().HaveCount(3);
        var expired = observer.Settled.Should().ContainSingle().Subject;
        expired.Should().BeEquivalentTo(new { State = FollowUpState.Expired, Attempts = 3, Outcome = new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.Expired } });
        expired.Outcome!.Detail.Should().Be("Not sent: it was tried 3 times, the most a follow-up gets. The last attempt: 503 Service Unavailable");
    }

    [Fact]
    public async Task RunOnce_ProviderWindowPastTheDeadline_ExpiresNamingTheDeadline()
    {
        var harness = new EngineHarness(sms: _ => SendResult.RetryLater("Daily sending limit reached.", TimeSpan.FromHours(30)));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.Expired });
        report.Sms.Detail.Should().StartWith("Not sent: its deadline passed").And.EndWith("The last attempt: Daily sending limit reached.");
    }

    [Fact]
    public async Task RunOnce_ProviderNamedAWindow_WaitsExactlyThatLong()
    {
        var harness = new EngineHarness(sms: _ => SendResult.RetryLater("Try again later.", TimeSpan.FromMinutes(7)));

        await harness.HandleAsync(Sample.Answered());

        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Waiting, WaitReason = WaitReason.ProviderLimit, DueAt = harness.Time.GetUtcNow().AddMinutes(7) });
    }

    [Fact]
    public async Task RunOnce_CredentialsRefused_WaitsOutTheCoolDown()
    {
        var harness = new EngineHarness(sms: _ => SendResult.CredentialsRefused("Twilio refused the credentials; check FollowUps:Twilio:AuthToken.", TimeSpan.FromMinutes(5)));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Queued, Reason = OutcomeReason.CredentialsRefused });
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Waiting, WaitReason = WaitReason.CredentialsCoolDown, DueAt = harness.Time.GetUtcNow().AddMinutes(5) });
    }

    /// <summary>The crash rule: a send whose worker stopped before recording an answer is unknown, never sent again.</summary>
    [Fact]
    public async Task RunOnce_SendLeftInFlightByAStoppedProcess_BecomesUnknownAndIsNotSent()
    {
        var harness = new EngineHarness();
        var observer = new RecordingObserver();
        harness.Observers.Add(observer);
        var claim = await ClaimAsync(harness, owner: "crashed-process");
        await harness.Store.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1 }, default);

        harness.Time.Advance(harness.Delivery.LeaseDuration + TimeSpan.FromSeconds(1));
        await harness.Dispatcher.RunOnceAsync();

        observer.Settled.Should().ContainSingle().Which.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, Outcome = new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer } });
        harness.Sms.Messages.Should().BeEmpty();
    }

    /// <summary>A send a stopped process left in flight is asked about like any unknown one, an interval later, not only at its deadline.</summary>
    [Fact]
    public async Task RunOnce_SendLeftInFlightByAStoppedProcess_IsAskedAboutAfterTheInterval()
    {
        var harness = new EngineHarness(reconcile: _ => Reconciliation.Found("SM-left", "Message SM-left exists."));
        var claim = await ClaimAsync(harness, owner: "crashed-process");
        await harness.Store.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = claim.ClaimedAt }, default);
        harness.Time.Advance(harness.Delivery.LeaseDuration + TimeSpan.FromSeconds(1));
        await harness.Dispatcher.RunOnceAsync();

        harness.Time.Advance(harness.Delivery.ReconcileInterval);
        await harness.Dispatcher.RunOnceAsync();

        harness.Reconciler!.Questions.Should().ContainSingle();
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = "SM-left" } });
        harness.Sms.Messages.Should().BeEmpty();
    }

    /// <summary>The crash rule: a claim whose process stopped before its send started is sent once its lease ends.</summary>
    [Fact]
    public async Task RunOnce_ClaimLeftByAStoppedProcess_IsSentAfterItsLease()
    {
        var harness = new EngineHarness();
        await ClaimAsync(harness, owner: "crashed-process");

        var during = await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(harness.Delivery.LeaseDuration + TimeSpan.FromSeconds(1));
        var after = await harness.Dispatcher.RunOnceAsync();

        (during, after).Should().Be((0, 1));
        harness.Sms.Messages.Should().ContainSingle();
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent);
    }

    [Fact]
    public async Task RunOnce_UnknownPastItsDeadline_ExpiresAsUnknown()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer within 30 seconds."));
        await harness.HandleAsync(Sample.Answered());

        harness.Time.Advance(harness.Delivery.Deadline + TimeSpan.FromMinutes(1));
        await harness.Dispatcher.RunOnceAsync();

        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.Expired } });
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task EnqueueCallCompleted_ClaimsWithoutSending_AndTheDispatcherSendsOnce()
    {
        var harness = new EngineHarness();

        var report = await harness.Engine.EnqueueCallCompletedAsync(Sample.Answered(), Sample.AllChannels);
        harness.Sms.Messages.Should().BeEmpty();
        var first = await harness.Dispatcher.RunOnceAsync();
        var second = await harness.Dispatcher.RunOnceAsync();

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Queued, Reason = OutcomeReason.None });
        report.Email.Status.Should().Be(OutcomeStatus.Queued);
        (first, second).Should().Be((2, 0));
        harness.Sms.Messages.Should().ContainSingle();
        harness.Email.Messages.Should().ContainSingle();
    }

    /// <summary>Cancelled by the host after the claim, before the request left: the dispatcher sends it once.</summary>
    [Fact]
    public async Task HandleCallCompleted_HostCancelsBetweenClaimAndSend_TheDispatcherSendsItOnce()
    {
        using var cancellation = new CancellationTokenSource();
        var harness = new EngineHarness(store: new CancellingStore(cancellation));

        var report = await harness.HandleAsync(Sample.Answered(), cancellationToken: cancellation.Token);
        await harness.Dispatcher.RunOnceAsync();
        await harness.Dispatcher.RunOnceAsync();

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Queued, Reason = OutcomeReason.Cancelled });
        harness.Sms.Messages.Should().ContainSingle();
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent);
    }

    /// <summary>
    /// A slow inline send outlives its first lease; the lease is renewed while it is in flight, so a dispatcher looking in
    /// the meantime finds nothing to take, and one request reaches the provider.
    /// </summary>
    [Fact]
    public async Task HandleCallCompleted_SendSlowerThanTheLease_IsNotTakenOverByTheDispatcher()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var harness = new EngineHarness(sms: _ =>
        {
            started.TrySetResult();
            release.Task.Wait(TimeSpan.FromSeconds(30));
            return SendResult.Sent("SM-slow");
        });
        var campaign = Sample.AllChannels with { Email = EmailFollowUpSettings.Disabled };

        var handling = Task.Run(() => harness.HandleAsync(Sample.Answered(), campaign));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 6; i++)
        {
            harness.Time.Advance(harness.Delivery.LeaseDuration / 2);
            (await harness.Dispatcher.RunOnceAsync()).Should().Be(0, "the in-flight send keeps renewing its lease");
        }

        release.SetResult();
        var report = await handling.WaitAsync(TimeSpan.FromSeconds(30));

        report.Sms.IsSent.Should().BeTrue();
        harness.Sms.Messages.Should().ContainSingle();
    }

    /// <summary>
    /// Found by review: a STOP that arrives after the call was planned but before its follow-up was claimed (so nothing
    /// was there to cancel) still stops the inline send: the list is checked again just before the request leaves.
    /// </summary>
    [Fact]
    public async Task HandleCallCompleted_StopBetweenPlanningAndTheClaim_SendsNothing()
    {
        var store = new StoppingStore();
        var harness = new EngineHarness(store: store);

        var report = await harness.HandleAsync(Sample.Answered(), Sample.AllChannels with { Email = EmailFollowUpSettings.Disabled });

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.Suppressed });
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Cancelled);
        harness.Sms.Messages.Should().BeEmpty();
    }

    /// <summary>
    /// Found by review: a sender that throws before its request left (a certificate the host must trust, a sender
    /// disposed as the host stops) says so with <see cref="SendNotStartedException"/>; the follow-up waits and goes once
    /// the problem is fixed, instead of becoming unknown for ever.
    /// </summary>
    [Fact]
    public async Task RunOnce_SenderThatNeverStarted_IsRetriedOnceFixed()
    {
        var fixedAt = new[] { false };
        var harness = new EngineHarness(sms: _ => fixedAt[0] ? SendResult.Sent("SM-2") : throw new SendNotStartedException("The server's certificate is not trusted: set FollowUps:Smtp:ServerCertificateValidation."));

        var report = await harness.HandleAsync(Sample.Answered());
        fixedAt[0] = true;
        harness.Time.Advance(harness.Delivery.RetryMaxDelay);
        await harness.Dispatcher.RunOnceAsync();

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Queued, Reason = OutcomeReason.TransientFailure });
        report.Sms.Detail.Should().StartWith("The server's certificate is not trusted").And.Contain("Nothing was sent.");
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent);
    }

    /// <summary>
    /// Found by review: with a sender that sends one message at a time (SMTP's one connection), the follow-ups waiting
    /// their turn stay claimed; only the one whose request is leaving is marked sending, so a crash during the wait
    /// leaves them safe to send again, not unknown.
    /// </summary>
    [Fact]
    public async Task RunOnce_SenderThatWaitsForItsConnection_MarksOnlyTheLeavingRequestSending()
    {
        var harness = new EngineHarness();
        var campaign = Sample.AllChannels with { Sms = SmsFollowUpSettings.Disabled };
        for (var i = 1; i <= 4; i++)
        {
            await harness.Engine.EnqueueCallCompletedAsync(Sample.Answered(contactId: $"contact-{i}", callId: $"call-{i}"), campaign);
        }

        using var sender = new OneAtATimeSender();
        var dispatcher = new FollowUps.Dispatch.FollowUpDispatcher(
            harness.Store, (ISuppressionStore)harness.Store, Microsoft.Extensions.Options.Options.Create(new FollowUpDeliveryOptions { DispatchConcurrency = 4 }), harness.Time, [], null, null, sender);

        var running = dispatcher.RunOnceAsync();
        await sender.FirstInFlight.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var states = new List<FollowUpState>();
        for (var i = 1; i <= 4; i++)
        {
            states.Add((await harness.Store.FindAsync(new("account-1", "campaign-1", $"contact-{i}", FollowUpKind.Email), default))!.State);
        }

        sender.Release.SetResult();
        (await running.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(4);

        states.Should().BeEquivalentTo([FollowUpState.Sending, FollowUpState.Claimed, FollowUpState.Claimed, FollowUpState.Claimed]);
        sender.Sent.Should().Be(4);
    }

    /// <summary>A store that throws in the middle of a batch loses no follow-up: what it failed on is taken again after its lease.</summary>
    [Fact]
    public async Task RunOnce_StoreThrowsInTheMiddleOfABatch_NothingIsLost()
    {
        var store = new FlakyStore(failures: 2);
        var harness = new EngineHarness(store: store, configureDelivery: o => o.DispatchConcurrency = 2);
        var campaign = Sample.AllChannels with { Email = EmailFollowUpSettings.Disabled };
        foreach (var contact in new[] { "contact-1", "contact-2", "contact-3" })
        {
            await harness.Engine.EnqueueCallCompletedAsync(Sample.Answered(contactId: contact, callId: $"call-{contact}"), campaign);
        }

        store.Failing = true;
        var first = await harness.Dispatcher.RunOnceAsync();
        harness.Time.Advance(harness.Delivery.LeaseDuration + TimeSpan.FromSeconds(1));
        var second = await harness.Dispatcher.RunOnceAsync();

        (first, second).Should().Be((3, 2), "the two it could not start are leased again once their lease ends");
        harness.Sms.Messages.Select(m => m.Key.ContactId).Should().BeEquivalentTo(["contact-1", "contact-2", "contact-3"]);
    }

    [Fact]
    public async Task RunOnce_ObserverThrows_TheFollowUpIsStillSettled()
    {
        var answers = new Queue<SendResult>([SendResult.TransientFailure("503"), SendResult.Sent("SM-2")]);
        var harness = new EngineHarness(sms: _ => answers.Dequeue());
        harness.Observers.Add(new ThrowingObserver());
        await harness.HandleAsync(Sample.Answered());

        harness.Time.Advance(harness.Delivery.RetryMaxDelay);
        await harness.Dispatcher.RunOnceAsync();

        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Sent);
    }

    /// <summary>An SMS follow-up claimed as a process that then stopped would leave it: held by <paramref name="owner"/>, nothing sent.</summary>
    private static async Task<FollowUpRecord> ClaimAsync(EngineHarness harness, string owner)
    {
        var now = harness.Time.GetUtcNow();
        var claim = new FollowUpRecord
        {
            Key = Sms,
            CallId = "call-1",
            Targets = [new(SuppressionTargetKind.ContactId, "contact-1"), new(SuppressionTargetKind.Phone, "+14155552671")],
            Sms = new SmsMessage { Key = Sms, To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental.\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest },
            State = FollowUpState.Claimed,
            LeaseOwner = owner,
            LeaseExpiresAt = now + harness.Delivery.LeaseDuration,
            DueAt = now,
            ClaimedAt = now,
            Deadline = now + harness.Delivery.Deadline,
        };
        (await harness.Store.ClaimAsync(claim, default)).Won.Should().BeTrue();
        return claim;
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

    private sealed class ThrowingObserver : IFollowUpObserver
    {
        public Task OnSettledAsync(FollowUpRecord record, CancellationToken cancellationToken) => throw new InvalidOperationException("The host's database is down.");
    }

    /// <summary>Sends one message at a time, as one SMTP connection does, and says when each request leaves; the first one waits for a release.</summary>
    private sealed class OneAtATimeSender : IEmailSender, ISignalsRequestLeaving, IDisposable
    {
        private readonly SemaphoreSlim _connection = new(1, 1);
        private int _sent;

        public TaskCompletionSource FirstInFlight { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Sent => _sent;

        public void Dispose() => _connection.Dispose();

        public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            await _connection.WaitAsync(cancellationToken);
            try
            {
                await FollowUpSend.RequestLeavingAsync();
                FirstInFlight.TrySetResult();
                await Release.Task;
                return SendResult.Sent($"E-{Interlocked.Increment(ref _sent)}");
            }
            finally
            {
                _connection.Release();
            }
        }
    }

    /// <summary>An outbox and list where the contact replies STOP right as the SMS is claimed, before anything could cancel it.</summary>
    private sealed class StoppingStore : ForwardingStore
    {
        public override async Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
        {
            var entry = new SuppressionEntry { AccountId = record.Key.AccountId, Target = new(SuppressionTargetKind.Phone, "+14155552671"), Reason = SuppressionReason.OptOutReply, CreatedAt = record.ClaimedAt };
            await AddSuppressionAsync(entry, cancellationToken);
            return await base.ClaimAsync(record, cancellationToken);
        }
    }

    /// <summary>An outbox whose first few starts of a send throw, as a database that went away for a moment would.</summary>
    private sealed class FlakyStore(int failures) : ForwardingStore
    {
        private int _left = failures;

        public bool Failing { get; set; }

        public override Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken) =>
            Failing && next.State == FollowUpState.Sending && Interlocked.Decrement(ref _left) >= 0
                ? throw new InvalidDataException("The database is unreachable.")
                : base.TryUpdateAsync(current, next, cancellationToken);
    }

    /// <summary>An outbox that cancels the host's token the moment the SMS is claimed: the window between claim and send.</summary>
    private sealed class CancellingStore(CancellationTokenSource cancellation) : ForwardingStore
    {
        public override async Task<FollowUpClaim> ClaimAsync(FollowUpRecord record, CancellationToken cancellationToken)
        {
            var claim = await base.ClaimAsync(record, cancellationToken);
            if (record.Key.Kind == FollowUpKind.Sms)
            {
                await cancellation.CancelAsync();
            }

            return claim;
        }
    }
}
