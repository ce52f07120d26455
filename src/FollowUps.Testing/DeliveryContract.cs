using System.Collections.Concurrent;
using FollowUps.Testing.Internal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace FollowUps.Testing;

/// <summary>
/// The outbox's promises end to end, as an xunit suite: the engine and the dispatcher on your store, with a clock the
/// tests move. Retries go out once their time comes and each follow-up is sent once; a STOP cancels a waiting retry;
/// what a stopped process left is sent once, or becomes unknown if its request may have left; a follow-up out of
/// attempts expires; an unknown send is settled by asking the provider, or by an operator, and sent again only when it
/// was not sent. Derive a test class and make <see cref="CreateStoreAsync(TimeProvider)"/> return a fresh store on the
/// clock it is handed (it must also be an <see cref="ISuppressionStore"/>, or the in-memory list is used beside it).
/// </summary>
public abstract partial class DeliveryContract
{
    private static readonly CampaignFollowUpSettings SmsOnly = new() { Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest } };
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a fresh, empty store under test.</summary>
    /// <param name="time">The clock of the engine and dispatcher, which the tests move; the store reads it for what it stamps itself.</param>
    /// <returns>The store.</returns>
    protected abstract Task<IFollowUpStore> CreateStoreAsync(TimeProvider time);

    /// <summary>A retry whose time came is sent; the follow-up ends sent after two attempts.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dispatch_RetryWhoseTimeCame_IsSent()
    {
        var answers = new ConcurrentQueue<SendResult>([SendResult.TransientFailure("503 Service Unavailable"), SendResult.Sent("SM-2")]);
        await using var run = await StartAsync(_ => answers.TryDequeue(out var answer) ? answer : SendResult.PermanentFailure("a third send"));

        var report = await run.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);
        Assert.Equal(0, await run.Dispatcher.RunOnceAsync());
        run.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await run.Dispatcher.RunOnceAsync());

        Assert.Equal(OutcomeStatus.Queued, report.Sms.Status);
        var record = await run.Store.FindAsync(Key("contact-1"), CancellationToken.None);
        Assert.Equal((FollowUpState.Sent, 2, "SM-2"), (record?.State, record?.Attempts, record?.Outcome?.ProviderMessageId));
        Assert.Equal(2, run.Sms.Messages.Count);
    }

    /// <summary>A seeded 30 % of 1,000 follow-ups fail their first 1 to 3 attempts transiently: every one is sent, none twice.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dispatch_ThirtyPercentFailOneToThreeTimes_EveryOneSentOnce()
    {
        var random = new Random(20261201);
        var failuresOf = Enumerable.Range(0, 1_000).ToDictionary(i => $"contact-{i}", _ => random.NextDouble() < 0.3 ? random.Next(1, 4) : 0);
        var attempts = new ConcurrentDictionary<string, int>();
        var sent = new ConcurrentDictionary<string, int>();
        await using var run = await StartAsync(message =>
        {
            var attempt = attempts.AddOrUpdate(message.Key.ContactId, 1, (_, n) => n + 1);
            if (attempt <= failuresOf[message.Key.ContactId])
            {
                return SendResult.TransientFailure("503 Service Unavailable");
            }

            sent.AddOrUpdate(message.Key.ContactId, 1, (_, n) => n + 1);
            return SendResult.Sent($"SM-{message.Key.ContactId}");
        });

        foreach (var contact in failuresOf.Keys)
        {
            await run.Engine.HandleCallCompletedAsync(Call(contact), SmsOnly);
        }

        for (var round = 0; round < 10 && sent.Count < failuresOf.Count; round++)
        {
            run.Clock.Advance(TimeSpan.FromHours(1));
            while (await run.Dispatcher.RunOnceAsync() > 0)
            {
            }
        }

        Assert.InRange(failuresOf.Values.Count(f => f > 0), 250, 350);
        Assert.Equal(failuresOf.Keys.Order(), sent.Keys.Order());
        Assert.All(sent.Values, n => Assert.Equal(1, n));
        Assert.All(attempts, pair => Assert.Equal(failuresOf[pair.Key] + 1, pair.Value));
    }

    /// <summary>A STOP between a failure and its retry cancels the retry.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dispatch_StopBetweenAFailureAndItsRetry_CancelsTheRetry()
    {
        await using var run = await StartAsync(_ => SendResult.TransientFailure("429 Too Many Requests"));
        await run.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);

        await run.Suppressions.AddAsync("account-1", SuppressionTargetKind.Phone, "(415) 555-2671", SuppressionReason.OptOutReply);
        run.Clock.Advance(TimeSpan.FromHours(1));
        await run.Dispatcher.RunOnceAsync();

        Assert.Equal(FollowUpState.Cancelled, (await run.Store.FindAsync(Key("contact-1"), CancellationToken.None))?.State);
        Assert.Single(run.Sms.Messages);
    }

    /// <summary>A claim whose process stopped before its send started is sent once its lease ends.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dispatch_ClaimLeftByAStoppedProcess_IsSentOnceAfterItsLease()
    {
        await using var run = await StartAsync();
        await run.Store.ClaimAsync(Abandoned(run.Clock.GetUtcNow()), CancellationToken.None);

        Assert.Equal(0, await run.Dispatcher.RunOnceAsync());
        run.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await run.Dispatcher.RunOnceAsync());
        Assert.Equal(0, await run.Dispatcher.RunOnceAsync());

        Assert.Single(run.Sms.Messages);
        Assert.Equal(FollowUpState.Sent, (await run.Store.FindAsync(Key("contact-1"), CancellationToken.None))?.State);
    }

    /// <summary>A send whose process stopped before it recorded the provider's answer becomes unknown and is not sent again.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dispatch_SendLeftInFlightByAStoppedProcess_BecomesUnknownAndIsNotSent()
    {
        await using var run = await StartAsync();
        var claim = Abandoned(run.Clock.GetUtcNow());
        await run.Store.ClaimAsync(claim, CancellationToken.None);
        Assert.True(await run.Store.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1 }, CancellationToken.None));

        run.Clock.Advance(TimeSpan.FromMinutes(3));
        await run.Dispatcher.RunOnceAsync();

        var record = await run.Store.FindAsync(Key("contact-1"), CancellationToken.None);
        Assert.Equal((FollowUpState.Unknown, OutcomeReason.NoProviderAnswer), (record?.State, record?.Outcome?.Reason));
        Assert.Empty(run.Sms.Messages);
    }

    /// <summary>A follow-up that keeps failing transiently expires after its last attempt, saying so.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dispatch_AlwaysTransient_ExpiresAfterTheLastAttempt()
    {
        await using var run = await StartAsync(_ => SendResult.TransientFailure("503 Service Unavailable"));
        await run.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);

        for (var i = 0; i < 10; i++)
        {
            run.Clock.Advance(TimeSpan.FromHours(1));
            await run.Dispatcher.RunOnceAsync();
        }

        var record = await run.Store.FindAsync(Key("contact-1"), CancellationToken.None);
        Assert.Equal((FollowUpState.Expired, 8, OutcomeReason.Expired), (record?.State, record?.Attempts, record?.Outcome?.Reason));
        Assert.Equal(8, run.Sms.Messages.Count);
    }

    /// <summary>A follow-up queued without an inline send is sent by the dispatcher, once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dispatch_Enqueued_IsSentOnce()
    {
        await using var run = await StartAsync();

        var report = await run.Engine.EnqueueCallCompletedAsync(Call("contact-1"), SmsOnly);
        Assert.Empty(run.Sms.Messages);

        Assert.Equal(OutcomeStatus.Queued, report.Sms.Status);
        Assert.Equal(1, await run.Dispatcher.RunOnceAsync());
        Assert.Equal(0, await run.Dispatcher.RunOnceAsync());
        Assert.Single(run.Sms.Messages);
    }

    private async Task<Run> StartAsync(Func<SmsMessage, SendResult>? answer = null, Func<FollowUpRecord, Reconciliation>? reconcile = null)
    {
        var clock = new ManualClock(Start);
        var store = await CreateStoreAsync(clock);
        var sms = new ReconcilingSmsSender(answer, reconcile);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName, o.DefaultMeetingLink) = ("Acme Dental", "Dana", "https://cal.example.com/acme"))
            .UseStore(_ => store)
            .UseSmsSender(_ => sms);
        return new Run(services.BuildServiceProvider(), clock, sms);
    }

    private static FollowUpKey Key(string contact) => new("account-1", "campaign-1", contact, FollowUpKind.Sms);

    private static CallCompleted Call(string contact) => SampleCalls.AnsweredWithSmsConsent(contact, Start);

    /// <summary>An SMS claimed by a process that stopped right after: held until a minute from now, nothing sent.</summary>
    private static FollowUpRecord Abandoned(DateTimeOffset now) => new()
    {
        Key = Key("contact-1"),
        CallId = "call-1",
        Targets = [new(SuppressionTargetKind.ContactId, "contact-1"), new(SuppressionTargetKind.Phone, "+14155552671")],
        Sms = new SmsMessage { Key = Key("contact-1"), To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental.\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest },
        State = FollowUpState.Claimed,
        LeaseOwner = "a-stopped-process",
        LeaseExpiresAt = now.AddMinutes(1),
        DueAt = now,
        ClaimedAt = now,
        Deadline = now.AddHours(24),
    };

    private sealed class Run(ServiceProvider provider, ManualClock clock, ReconcilingSmsSender sms) : IAsyncDisposable
    {
        public ManualClock Clock => clock;

        public ReconcilingSmsSender Sms => sms;

        public IFollowUpOperator Operator => provider.GetRequiredService<IFollowUpOperator>();

        public IFollowUpEngine Engine => provider.GetRequiredService<IFollowUpEngine>();

        public IFollowUpDispatcher Dispatcher => provider.GetRequiredService<IFollowUpDispatcher>();

        public IFollowUpStore Store => provider.GetRequiredService<IFollowUpStore>();

        public ISuppressionList Suppressions => provider.GetRequiredService<ISuppressionList>();

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
