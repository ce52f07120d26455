using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>Status callbacks that come late and out of order, each naming the attempt it is about.</summary>
public sealed partial class TwilioReconcileTests
{
    [Fact]
    public async Task StatusCallback_OfTheFirstAttemptAfterTheSecondWasSent_IsKeptAsTheFirstsAndShowsTheDuplicate()
    {
        await using var host = Host();
        _api.NeverAnswerNext();
        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(21));
        await host.Dispatcher.RunOnceAsync();
        await host.Dispatcher.RunOnceAsync();
        var second = await RecordAsync(host);
        var (firstUrl, secondUrl) = (_api.Received[0].Form["StatusCallback"], _api.Received[1].Form["StatusCallback"]);
        const string Late = "SM0000000000000000000000000000dead";

        var delivered = await StatusAsync(host, secondUrl, second.Outcome!.ProviderMessageId!, "delivered");
        _time.Advance(TimeSpan.FromMinutes(1));
        var late = await StatusAsync(host, firstUrl, Late, "delivered");

        second.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Attempts = 2 });
        delivered.Should().Be(TwilioWebhookOutcome.DeliveryRecorded);
        late.Should().Be(TwilioWebhookOutcome.DeliveryOtherAttempt);
        var record = await RecordAsync(host);
        record.Delivery.Should().BeEquivalentTo(new { ProviderMessageId = second.Outcome.ProviderMessageId, Status = DeliveryStatus.Delivered, Attempt = 2 });
        var history = await host.Store.ReadHistoryAsync(Key, CancellationToken.None);
        history.Should().ContainSingle(entry => entry.Delivery != null && entry.Delivery.ProviderMessageId == Late)
            .Which.Should().BeEquivalentTo(new { Attempt = 1, At = _time.GetUtcNow(), Delivery = new { Status = DeliveryStatus.Delivered } });
        host.Logs.Collector.GetSnapshot().Should().ContainSingle(log => log.Id.Id == 211)
            .Which.Should().BeEquivalentTo(new { Level = LogLevel.Warning }, "the contact may have got the follow-up twice");
    }

    [Fact]
    public async Task StatusCallback_DeliveredThenSent_StaysDelivered()
    {
        await using var host = Host();
        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        var url = _api.Received.Single().Form["StatusCallback"];
        var sid = (await RecordAsync(host)).Outcome!.ProviderMessageId!;

        var delivered = await StatusAsync(host, url, sid, "delivered");
        var sent = await StatusAsync(host, url, sid, "sent");

        url.Should().EndWith("&attempt=1");
        (delivered, sent).Should().Be((TwilioWebhookOutcome.DeliveryRecorded, TwilioWebhookOutcome.DeliveryStale));
        (await RecordAsync(host)).Delivery.Should().BeEquivalentTo(new { Status = DeliveryStatus.Delivered, Attempt = 1 });
    }

    private static Task<TwilioWebhookOutcome> StatusAsync(TwilioTestHost host, string url, string sid, string status)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = TwilioTestHost.AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["From"] = TwilioTestHost.FromNumber,
            ["MessageSid"] = sid,
            ["MessageStatus"] = status,
            ["SmsSid"] = sid,
            ["SmsStatus"] = status,
            ["To"] = Contact,
        };
        return host.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(TwilioTestHost.AuthToken, url, form));
    }
}
