using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>
/// Unknown sends settled by asking Twilio, end to end: the engine sends, the answer never comes, and the dispatcher asks
/// the loopback Messages API what exists (queued messages with no date sent, Messaging Service messages with no From yet,
/// bodies rewritten, more than one page, errors), as Twilio's API answers.
/// </summary>
public sealed partial class TwilioReconcileTests : IAsyncLifetime
{
    private const string Contact = "+14155550123";
    private const string OtherNumber = "+14155550199";
    private const string Service = "MG0123456789abcdef0123456789abcdef";
    private const string Callback = "https://acme.example/twilio/status";

    private static readonly DateTimeOffset Start = new(2026, 11, 28, 15, 0, 0, TimeSpan.Zero);

    private static readonly CampaignFollowUpSettings Campaign = new()
    {
        Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
    };

    private readonly FakeTimeProvider _time = new(Start);
    private FakeTwilioApi _api = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeTwilioApi.StartAsync();
        _api.Clock = _time;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Reconcile_AnswerHeldButTheMessageExists_SettlesSentWithItsSidAndSendsNothingMore()
    {
        await using var host = Host();
        _api.CreateButNeverAnswerNext();

        var report = await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();

        report.Sms.Status.Should().Be(OutcomeStatus.Unknown);
        var created = _api.Messages.Should().ContainSingle().Subject;
        created.Should().BeEquivalentTo(new { Status = "queued", DateSent = (DateTimeOffset?)null }, "Twilio has it queued: not sent yet, but proof it exists");
        var record = await RecordAsync(host);
        record.State.Should().Be(FollowUpState.Sent);
        record.Outcome!.ProviderMessageId.Should().Be(created.Sid);
        _api.Received.Should().ContainSingle("a message Twilio has is never sent again");
        _api.Listed.Should().ContainSingle().Which.Should().Contain("To=%2B14155550123").And.Contain("PageSize=50").And.NotContain("DateSent");
    }

    [Fact]
    public async Task Reconcile_CreateStillInTwiliosQueue_StaysUnknownWithNoSecondRequestUntilTheMessageAppears()
    {
        await using var host = Host();
        _api.HoldNextCreate();

        var report = await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        await host.Dispatcher.RunOnceAsync();
        var whileQueued = await RecordAsync(host);
        var listedWhileQueued = _api.Listed.Count;
        var created = _api.ReleaseHeldCreate();
        _time.Advance(TimeSpan.FromMinutes(15));
        await host.Dispatcher.RunOnceAsync();

        report.Sms.Status.Should().Be(OutcomeStatus.Unknown);
        whileQueued.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, Outcome = new { Status = OutcomeStatus.Unknown } }, "Twilio lists nothing yet, and the validity period has not passed");
        listedWhileQueued.Should().Be(1, "asked once, then again only when the validity period can have passed");
        (await RecordAsync(host)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 1, Outcome = new { ProviderMessageId = created.Sid } });
        _api.Received.Should().ContainSingle("nothing is sent again while Twilio may still hold the message");
    }

    [Fact]
    public async Task Reconcile_ThroughAMessagingServiceWhoseMessageHasNoFromYet_FindsIt()
    {
        await using var host = Host(o => (o.FromNumber, o.MessagingServiceSid) = (null, Service));
        _api.CreateButNeverAnswerNext();

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();

        var created = _api.Messages.Should().ContainSingle().Subject;
        created.Should().BeEquivalentTo(new { From = (string?)null, Status = "accepted", MessagingServiceSid = Service });
        var record = await RecordAsync(host);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = created.Sid } });
        _api.Received.Should().ContainSingle();
    }

    [Theory]
    [InlineData("")]
    [InlineData("[redacted]")]
    [InlineData("Hi Ann, it's Dana. Book: https://twil.io/x1")]
    public async Task Reconcile_BodyRewrittenByTheMessagingService_StillFindsTheMessageNotALookalikeFromAnotherNumber(string body)
    {
        const string Lookalike = "SMeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
        await using var host = Host(o => (o.FromNumber, o.MessagingServiceSid) = (null, Service));
        _api.CreateButNeverAnswerNext(m => m with { Body = body });

        var report = await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _api.Seed(new FakeMessage(Lookalike, Contact, OtherNumber, report.Sms.Text!, _time.GetUtcNow().AddSeconds(5)));
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();

        var ours = _api.Messages.Single(m => m.Sid != Lookalike);
        ours.MessagingServiceSid.Should().Be(Service, "a service may rewrite (shorten links) or redact the body");
        (await RecordAsync(host)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = ours.Sid } });
        _api.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Reconcile_MessageOnTheSecondPage_FindsIt()
    {
        await using var host = Host();
        _api.CreateButNeverAnswerNext();

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        Seed(55, from: OtherNumber, after: _time.GetUtcNow(), queued: true);
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();

        var ours = _api.Messages.Single(m => m.From == TwilioTestHost.FromNumber);
        (await RecordAsync(host)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = ours.Sid } });
        _api.Listed.Should().HaveCount(2).And.Subject.Last().Should().Contain("PageToken=");
    }

    [Fact]
    public async Task Reconcile_NeverCreatedAndTheValidityPeriodPassed_SendsOneNewAttemptNotBefore()
    {
        await using var host = Host();
        _api.NeverAnswerNext();
        _api.Seed(new FakeMessage("SM" + new string('a', 32), Contact, TwilioTestHost.FromNumber, "An earlier campaign's text", Start.AddHours(-1)));
        _api.Seed(new FakeMessage("SM" + new string('b', 32), Contact, OtherNumber, "Another sender's earlier text", Start.AddMinutes(-6)));
        _api.Seed(new FakeMessage("SM" + new string('c', 32), Contact, TwilioTestHost.FromNumber, "STOP", Start.AddSeconds(2)) { Direction = "inbound", Status = "received" });

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();
        var waiting = await RecordAsync(host);
        _time.Advance(TimeSpan.FromMinutes(18));
        await host.Dispatcher.RunOnceAsync();
        var early = await RecordAsync(host);
        _time.SetUtcNow(waiting.DueAt!.Value);
        await host.Dispatcher.RunOnceAsync();
        await host.Dispatcher.RunOnceAsync();

        waiting.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, DueAt = waiting.AttemptStartedAt + TimeSpan.FromMinutes(20) }, "not before 15 minutes of validity and 5 of margin");
        early.State.Should().Be(FollowUpState.Unknown);
        _api.Listed.Should().HaveCount(2, "it was not asked again before Twilio could tell");
        var record = await RecordAsync(host);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 2 });
        _api.Received.Select(r => r.Form["StatusCallback"]).Should().Equal(
            $"{Callback}?followup=account-1/campaign-1/contact-1/Sms&attempt=1",
            $"{Callback}?followup=account-1/campaign-1/contact-1/Sms&attempt=2");
        record.Outcome!.ProviderMessageId.Should().Be(_api.Messages.Single(m => m.Sid.StartsWith("SM0", StringComparison.Ordinal)).Sid);
    }

    [Fact]
    public async Task Reconcile_MoreMessagesThanThePagesRead_CannotTellAndSendsNothing()
    {
        await using var host = Host();
        _api.NeverAnswerNext();

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        Seed(151, from: OtherNumber, after: _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(30));
        await host.Dispatcher.RunOnceAsync();

        var record = await RecordAsync(host);
        record.State.Should().Be(FollowUpState.Unknown);
        record.Outcome!.Detail.Should().Contain("more than 150 messages");
        _api.Listed.Should().HaveCount(3, "it reads at most three pages");
        _api.Received.Should().ContainSingle();
    }

    [Theory]
    [InlineData(500, 20500)]
    [InlineData(503, 0)]
    [InlineData(429, 20429)]
    [InlineData(401, 20003)]
    [InlineData(0, 0)]
    public async Task Reconcile_TwilioCannotList_StaysUnknownAndSendsNothing(int status, int code)
    {
        await using var host = Host();
        _api.NeverAnswerNext();

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(30));
        if (status == 0)
        {
            _api.DropNext();
        }
        else
        {
            _api.AnswerNextWithError(status, code, "No list for you");
        }

        await host.Dispatcher.RunOnceAsync();

        var record = await RecordAsync(host);
        record.State.Should().Be(FollowUpState.Unknown, "an error is never taken as absent");
        record.Outcome!.Detail.Should().Contain("Twilio");
        record.DueAt.Should().BeAfter(_time.GetUtcNow());
        _api.Listed.Should().ContainSingle();
        _api.Received.Should().ContainSingle();
    }

    private TwilioTestHost Host(Action<TwilioSmsOptions>? configure = null) => new(_api, o =>
    {
        (o.Timeout, o.StatusCallbackUrl) = (TimeSpan.FromSeconds(1), Callback);
        configure?.Invoke(o);
    }, _time);

    /// <summary>
    /// <paramref name="count"/> outbound messages to the contact from <paramref name="from"/>, created after
    /// <paramref name="after"/>: delivered, or still <paramref name="queued"/> (no date sent, listed before sent ones).
    /// </summary>
    private void Seed(int count, string from, DateTimeOffset after, bool queued = false)
    {
        for (var i = 1; i <= count; i++)
        {
            _api.Seed(new FakeMessage($"SMf{i:x31}", Contact, from, $"Message {i}", after.AddSeconds(i))
            {
                Status = queued ? "queued" : "delivered",
                DateSent = queued ? null : after.AddSeconds(i + 1),
            });
        }
    }

    private static async Task<FollowUpRecord> RecordAsync(TwilioTestHost host) =>
        (await host.Store.FindAsync(Key, CancellationToken.None))!;

    private static FollowUpKey Key => new("account-1", "campaign-1", "contact-1", FollowUpKind.Sms);

    private static CallCompleted Call() => new()
    {
        AccountId = "account-1",
        CampaignId = "campaign-1",
        CallId = "call-1",
        Contact = new Contact { Id = "contact-1", Phone = "(415) 555-0123", FirstName = "Ann" },
        Status = CallStatus.Answered,
        Transcript =
        [
            new TranscriptTurn { Speaker = Speaker.Agent, Text = "Can I text you a link to book?" },
            new TranscriptTurn { Speaker = Speaker.Contact, Text = "Sure, you can text me." },
        ],
        Consent = new CallConsent { Sms = ChannelConsent.Granted(1, "you can text me", TimeSpan.FromSeconds(20)) },
    };
}
