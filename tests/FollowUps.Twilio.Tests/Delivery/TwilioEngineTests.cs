using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>A call through the engine with the Twilio adapter registered as a host would, to the loopback Messages API.</summary>
public sealed class TwilioEngineTests : IAsyncLifetime
{
    private static readonly CampaignFollowUpSettings Campaign = new()
    {
        Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
    };

    private FakeTwilioApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task HandleCallCompleted_Accepted_SendsTheRenderedTemplateAndRecordsTheMessageSid()
    {
        await using var host = new TwilioTestHost(_api);

        var report = await host.Engine.HandleCallCompletedAsync(Call("call-1"), Campaign);

        report.Sms.IsSent.Should().BeTrue(report.Sms.Detail);
        var request = _api.Received.Should().ContainSingle().Subject;
        request.Form["To"].Should().Be("+14155550123");
        request.Form["Body"].Should().Be(report.Sms.Text).And.StartWith("Hi Ann, it's Dana from Acme Dental.");
        var record = await host.Store.FindAsync(Key, CancellationToken.None);
        record!.Outcome!.ProviderMessageId.Should().Be(report.Sms.ProviderMessageId).And.StartWith("SM");
    }

    [Fact]
    public async Task HandleCallCompleted_RecipientUnsubscribedAtTwilio_AddsASuppressionThatStopsTheNextCampaign()
    {
        await using var host = new TwilioTestHost(_api);
        _api.AnswerNextWithError(400, 21610, "Attempt to send to unsubscribed recipient");

        var report = await host.Engine.HandleCallCompletedAsync(Call("call-1"), Campaign);
        var next = await host.Engine.HandleCallCompletedAsync(Call("call-2") with { CampaignId = "campaign-2" }, Campaign);

        report.Sms.Reason.Should().Be(OutcomeReason.RecipientOptedOut);
        var entry = await host.Suppressions.FindAsync("account-1", SuppressionTargetKind.Phone, "(415) 555-0123");
        entry!.Reason.Should().Be(SuppressionReason.ProviderOptOut);
        next.Sms.Reason.Should().Be(OutcomeReason.Suppressed);
        _api.Received.Should().ContainSingle("nothing more was sent to a number Twilio says opted out");
    }

    [Fact]
    public async Task HandleCallCompleted_TwilioNeverAnswers_RecordsUnknownAndTheNextAttemptSendsNothing()
    {
        await using var host = new TwilioTestHost(_api, o => o.Timeout = TimeSpan.FromSeconds(2));
        _api.NeverAnswerNext();

        var report = await host.Engine.HandleCallCompletedAsync(Call("call-1"), Campaign);
        var retry = await host.Engine.HandleCallCompletedAsync(Call("call-2"), Campaign);

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer });
        (await host.Store.FindAsync(Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Unknown);
        retry.Sms.Reason.Should().Be(OutcomeReason.SendUnknown);
        _api.Received.Should().ContainSingle("Twilio has no idempotency key, so a send that may have gone out is never repeated");
    }

    private static FollowUpKey Key => new("account-1", "campaign-1", "contact-1", FollowUpKind.Sms);

    private static CallCompleted Call(string callId) => new()
    {
        AccountId = "account-1",
        CampaignId = "campaign-1",
        CallId = callId,
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
