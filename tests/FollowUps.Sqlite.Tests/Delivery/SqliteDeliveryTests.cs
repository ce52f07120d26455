using System.Collections.Concurrent;
using FollowUps.Sqlite.Tests.Support;
using FollowUps.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Sqlite.Tests.Delivery;

/// <summary>
/// The engine and the dispatcher on a real SQLite file: retries that outlive the process that scheduled them, and the
/// issue's seeded run of transient failures. Driven by a fake clock.
/// </summary>
public sealed class SqliteDeliveryTests : IDisposable
{
    private static readonly CampaignFollowUpSettings SmsOnly = new() { Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest } };

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    /// <summary>A restart with retries waiting: a new process on the same file sends them once their time comes.</summary>
    [Fact]
    public async Task Restart_WithRetriesWaiting_TheyGoOutAfterIt()
    {
        await using (var before = Host(_ => SendResult.TransientFailure("503 Service Unavailable")))
        {
            var report = await before.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);
            report.Sms.Status.Should().Be(OutcomeStatus.Queued);
        }

        SqliteConnection.ClearAllPools();
        var sent = new RecordingSmsSender();
        await using var after = Host(sent.SendAsync);
        _time.Advance(TimeSpan.FromHours(1));

        (await after.Dispatcher.RunOnceAsync()).Should().Be(1);

        sent.Messages.Should().ContainSingle().Which.Key.ContactId.Should().Be("contact-1");
        (await after.Store.FindAsync(sent.Messages[0].Key, default)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 2 });
    }

    /// <summary>
    /// The run on SQLite: a seeded 30 % of 1,000 follow-ups fail their first 1 to 3 attempts transiently; every
    /// one is sent, none twice.
    /// </summary>
    [Fact]
    public async Task ThirtyPercentFailOneToThreeTimes_EveryOneSentOnce()
    {
        var random = new Random(20261201);
        var failuresOf = Enumerable.Range(0, 1_000).ToDictionary(i => $"contact-{i}", _ => random.NextDouble() < 0.3 ? random.Next(1, 4) : 0);
        var attempts = new ConcurrentDictionary<string, int>();
        var sent = new ConcurrentDictionary<string, int>();
        await using var host = Host(message =>
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
            await host.Engine.HandleCallCompletedAsync(Call(contact), SmsOnly);
        }

        for (var round = 0; round < 10 && sent.Count < failuresOf.Count; round++)
        {
            _time.Advance(TimeSpan.FromHours(1));
            while (await host.Dispatcher.RunOnceAsync() > 0)
            {
            }
        }

        sent.Keys.Should().BeEquivalentTo(failuresOf.Keys, "every follow-up is sent");
        sent.Values.Should().OnlyContain(n => n == 1, "none twice");
        attempts.Should().OnlyContain(pair => pair.Value == failuresOf[pair.Key] + 1);
    }

    /// <summary>A STOP between a failure and its retry cancels the retry, on the file as in memory.</summary>
    [Fact]
    public async Task StopBetweenAFailureAndItsRetry_CancelsTheRetry()
    {
        var answers = 0;
        await using var host = Host(_ => Interlocked.Increment(ref answers) == 1 ? SendResult.TransientFailure("429 Too Many Requests") : SendResult.Sent("SM-2"));
        await host.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);

        await host.Suppressions.AddAsync("account-1", SuppressionTargetKind.Phone, "(415) 555-2671", SuppressionReason.OptOutReply);
        _time.Advance(TimeSpan.FromHours(1));
        await host.Dispatcher.RunOnceAsync();

        answers.Should().Be(1, "the retry never went");
        (await host.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default))!.State.Should().Be(FollowUpState.Cancelled);
    }

    private TestHost Host(Func<SmsMessage, SendResult> answer) => Host(new RecordingSmsSender(answer).SendAsync);

    private TestHost Host(Func<SmsMessage, CancellationToken, Task<SendResult>> send)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName, o.DefaultMeetingLink) = ("Acme Dental", "Dana", "https://cal.example.com/acme"))
            .UseSqliteStore(_folder.File())
            .UseSmsSender(_ => new DelegateSender(send));
        return new TestHost(services.BuildServiceProvider());
    }

    private static CallCompleted Call(string contact) => new()
    {
        AccountId = "account-1",
        CampaignId = "campaign-1",
        CallId = $"call-{contact}",
        Contact = new Contact { Id = contact, Phone = "(415) 555-2671", FirstName = "Ann" },
        Status = CallStatus.Answered,
        StartedAt = new DateTimeOffset(2026, 12, 1, 14, 58, 0, TimeSpan.Zero),
        EndedAt = new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero),
        Transcript = [new TranscriptTurn { Speaker = Speaker.Agent, Text = "May I text you a link?" }, new TranscriptTurn { Speaker = Speaker.Contact, Text = "Yes, text me." }],
        Consent = new CallConsent { Sms = ChannelConsent.Granted(1, "text me") },
    };

    private sealed class DelegateSender(Func<SmsMessage, CancellationToken, Task<SendResult>> send) : ISmsSender
    {
        public Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken) => send(message, cancellationToken);
    }

    private sealed class TestHost(ServiceProvider provider) : IAsyncDisposable
    {
        public IFollowUpEngine Engine => provider.GetRequiredService<IFollowUpEngine>();

        public IFollowUpDispatcher Dispatcher => provider.GetRequiredService<IFollowUpDispatcher>();

        public IFollowUpStore Store => provider.GetRequiredService<IFollowUpStore>();

        public ISuppressionList Suppressions => provider.GetRequiredService<ISuppressionList>();

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
