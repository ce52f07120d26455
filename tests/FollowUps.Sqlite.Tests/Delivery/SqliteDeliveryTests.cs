using FollowUps.Sqlite.Tests.Support;
using FollowUps.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Sqlite.Tests.Delivery;

/// <summary>
/// The engine and the dispatcher on a real SQLite file across a restart: retries outlive the process that scheduled
/// them. (The outbox's other end-to-end promises run on this store through the kit's <c>DeliveryContract</c>.)
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

    private static CallCompleted Call(string contact) => SampleCalls.AnsweredWithSmsConsent(contact, new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));

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
