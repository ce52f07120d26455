using FollowUps.Twilio.Inbound;
using static FollowUps.Twilio.Tests.Inbound.WebhookServices;

namespace FollowUps.Twilio.Tests.Inbound;

/// <summary>Delivery status callbacks through <see cref="TwilioWebhooks"/> into the in-memory store: forward only.</summary>
public sealed class TwilioWebhooksStatusTests : IAsyncLifetime
{
    private const string Sid = "SM0123456789abcdef0123456789abcdef";

    private readonly WebhookServices _services = WebhookServices.Create();
    private FollowUpKey _key;

    public async Task InitializeAsync() => _key = await _services.SeedSentSmsAsync(Sid);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task HandleStatus_QueuedSentDelivered_RecordsEachAndEndsDelivered()
    {
        foreach (var status in new[] { "queued", "sent", "delivered" })
        {
            _services.Time.Advance(TimeSpan.FromSeconds(1));
            (await PostAsync(status)).Should().Be(TwilioWebhookOutcome.DeliveryRecorded, status);
        }

        var record = await RecordAsync();
        record.Delivery.Should().BeEquivalentTo(new DeliveryReport
        {
            ProviderMessageId = Sid,
            Status = DeliveryStatus.Delivered,
            ErrorCode = null,
            ReceivedAt = _services.Time.GetUtcNow(),
        });
        record.State.Should().Be(FollowUpState.Sent);
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("queued")]
    [InlineData("delivered")]
    [InlineData("undelivered")]
    public async Task HandleStatus_AfterDelivered_IsStaleAndChangesNothing(string late)
    {
        await PostAsync("sent");
        await PostAsync("delivered");
        var before = (await RecordAsync()).Delivery;
        _services.Time.Advance(TimeSpan.FromMinutes(1));

        (await PostAsync(late)).Should().Be(TwilioWebhookOutcome.DeliveryStale);

        (await RecordAsync()).Delivery.Should().Be(before);
    }

    [Fact]
    public async Task HandleStatus_UndeliveredAfterSent_RecordsTheErrorCode()
    {
        await PostAsync("sent");

        (await PostAsync("undelivered", errorCode: "30003")).Should().Be(TwilioWebhookOutcome.DeliveryRecorded);

        var delivery = (await RecordAsync()).Delivery!;
        delivery.Status.Should().Be(DeliveryStatus.Undelivered);
        delivery.ErrorCode.Should().Be("30003");
    }

    [Fact]
    public async Task HandleStatus_EmptyErrorCode_RecordsNone()
    {
        (await PostAsync("failed", errorCode: string.Empty)).Should().Be(TwilioWebhookOutcome.DeliveryRecorded);

        var delivery = (await RecordAsync()).Delivery!;
        delivery.Status.Should().Be(DeliveryStatus.Failed);
        delivery.ErrorCode.Should().BeNull();
    }

    [Fact]
    public async Task HandleStatus_DeliveredThenSent_EndsDelivered()
    {
        (await PostAsync("delivered")).Should().Be(TwilioWebhookOutcome.DeliveryRecorded);
        (await PostAsync("sent")).Should().Be(TwilioWebhookOutcome.DeliveryStale);

        (await RecordAsync()).Delivery!.Status.Should().Be(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task HandleStatus_UnknownMessageSid_IsUnknownMessage()
    {
        var outcome = await _services.Webhooks.HandleStatusCallbackAsync(SignedStatus(StatusForm("SMffffffffffffffffffffffffffffffff", "delivered")));

        outcome.Should().Be(TwilioWebhookOutcome.DeliveryUnknownMessage);
        (await RecordAsync()).Delivery.Should().BeNull();
    }

    [Theory]
    [InlineData("receiving")]
    [InlineData("received")]
    [InlineData("partially_delivered")]
    [InlineData("")]
    [InlineData(null)]
    public async Task HandleStatus_StatusNotTracked_IsStaleAndChangesNothing(string? status)
    {
        (await PostAsync(status)).Should().Be(TwilioWebhookOutcome.DeliveryStale);

        (await RecordAsync()).Delivery.Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public async Task HandleStatus_NoMessageSid_IsMalformed(string? messageSid)
    {
        var form = StatusForm(Sid, "delivered");
        form.Remove("MessageSid");
        if (messageSid is not null)
        {
            form["MessageSid"] = messageSid;
        }

        (await _services.Webhooks.HandleStatusCallbackAsync(SignedStatus(form))).Should().Be(TwilioWebhookOutcome.Malformed);
        (await RecordAsync()).Delivery.Should().BeNull();
    }

    [Fact]
    public async Task HandleStatus_Forged_ChangesNothing()
    {
        var forged = SignedStatus(StatusForm(Sid, "sent")) with { Form = StatusForm(Sid, "delivered") };

        (await _services.Webhooks.HandleStatusCallbackAsync(forged)).Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        (await _services.Webhooks.HandleStatusCallbackAsync(SignedStatus(StatusForm(Sid, "delivered")) with { Signature = null }))
            .Should().Be(TwilioWebhookOutcome.SignatureInvalid);

        (await RecordAsync()).Delivery.Should().BeNull();
    }

    [Fact]
    public async Task HandleStatus_ConcurrentCallbacksInAnyOrder_EndAtTheFurthest()
    {
        var statuses = new[] { "queued", "sending", "sent", "delivered", "sent", "queued", "delivered" };

        var outcomes = await Task.WhenAll(statuses.Select(status => Task.Run(() => PostAsync(status))));

        outcomes.Should().NotContain(TwilioWebhookOutcome.DeliveryUnknownMessage);
        (await RecordAsync()).Delivery!.Status.Should().Be(DeliveryStatus.Delivered);
    }

    [Theory]
    [InlineData("accepted", DeliveryStatus.Queued)]
    [InlineData("scheduled", DeliveryStatus.Queued)]
    [InlineData("queued", DeliveryStatus.Queued)]
    [InlineData("sending", DeliveryStatus.Sent)]
    [InlineData("sent", DeliveryStatus.Sent)]
    [InlineData("delivered", DeliveryStatus.Delivered)]
    [InlineData("DELIVERED", DeliveryStatus.Delivered)]
    [InlineData(" delivered ", DeliveryStatus.Delivered)]
    [InlineData("read", DeliveryStatus.Delivered)]
    [InlineData("undelivered", DeliveryStatus.Undelivered)]
    [InlineData("failed", DeliveryStatus.Failed)]
    [InlineData("canceled", DeliveryStatus.Failed)]
    public void ToDeliveryStatus_TwilioStatus_MapsToDeliveryStatus(string status, DeliveryStatus expected)
    {
        TwilioMessageStatus.ToDeliveryStatus(status).Should().Be(expected);
    }

    private Task<TwilioWebhookOutcome> PostAsync(string? status, string? errorCode = null) =>
        _services.Webhooks.HandleStatusCallbackAsync(SignedStatus(StatusForm(Sid, status, errorCode)));

    private async Task<FollowUpRecord> RecordAsync() => (await _services.Store.FindAsync(_key, CancellationToken.None))!;
}
