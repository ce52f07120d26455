using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>Messages of the account from a sender other than the configured one, and where Twilio's list puts queued messages.</summary>
public sealed partial class TwilioReconcileTests
{
    [Fact]
    public async Task Reconcile_MessageFromAnotherSenderOfTheAccountAfterTheValidityPeriod_StaysUnknownAndSendsNoSecond()
    {
        await using var host = Host();
        _api.CreateButNeverAnswerNext(m => m with { From = OtherNumber });

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(30));
        await host.Dispatcher.RunOnceAsync();
        await host.Dispatcher.RunOnceAsync();

        var created = _api.Messages.Should().ContainSingle().Subject;
        var record = await RecordAsync(host);
        record.State.Should().Be(FollowUpState.Unknown, "a message from another sender of the account is no proof, but may be this attempt's");
        record.Outcome!.Detail.Should().Contain(created.Sid).And.Contain(OtherNumber);
        _api.Received.Should().ContainSingle("a changed sender never leads to a second message");
    }

    [Fact]
    public async Task Reconcile_MessageFromAnotherMessagingServiceOfTheAccount_StaysUnknownAndSendsNoSecond()
    {
        const string OtherService = "MG0123456789abcdef0123456789abcd99";
        await using var host = Host(o => (o.FromNumber, o.MessagingServiceSid) = (null, Service));
        _api.CreateButNeverAnswerNext(m => m with { MessagingServiceSid = OtherService });

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(30));
        await host.Dispatcher.RunOnceAsync();
        await host.Dispatcher.RunOnceAsync();

        var record = await RecordAsync(host);
        record.State.Should().Be(FollowUpState.Unknown);
        record.Outcome!.Detail.Should().Contain(_api.Messages.Single().Sid).And.Contain(OtherService);
        _api.Received.Should().ContainSingle();
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public async Task Reconcile_QueuedMessageBehindSixtySentOnes_FindsItWhereverTheListPutsIt(bool queuedLast, int pages)
    {
        await using var host = Host();
        _api.QueuedLast = queuedLast;
        _api.CreateButNeverAnswerNext();
        for (var i = 1; i <= 60; i++)
        {
            var created = Start.AddDays(-1).AddMinutes(i);
            _api.Seed(new FakeMessage($"SMd{i:x31}", Contact, TwilioTestHost.FromNumber, $"Earlier message {i}", created) { Status = "delivered", DateSent = created.AddSeconds(3) });
        }

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();

        var ours = _api.Messages.Single(m => m.DateSent is null);
        (await RecordAsync(host)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = ours.Sid } });
        _api.Listed.Should().HaveCount(pages, queuedLast ? "a queued message listed after every sent one is on page 2" : "a queued message listed first is on page 1");
        _api.Received.Should().ContainSingle();
    }
}
