using CsCheck;
using FollowUps.Tests.Shared;
using FollowUps.Twilio.Delivery;
using FollowUps.Twilio.Tests.Support;
using static FollowUps.Twilio.Tests.Inbound.WebhookServices;

namespace FollowUps.Twilio.Tests.Inbound;

/// <summary>The follow-up's key in each message's status callback URL, and what it lets a report find.</summary>
public sealed class StatusCallbackKeyTests : IAsyncLifetime
{
    private const string Sid = "SM00000000000000000000000000000042";

    private readonly WebhookServices _services = WebhookServices.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public void KeyIn_AnyKey_RoundTripsThroughTheUrlItIsPutIn()
    {
        var part = Gen.String[1, 40];
        Gen.Select(part, part, part, Gen.Enum<FollowUpKind>(), Gen.OneOf("https://acme.example/twilio/status", "https://acme.example/s?env=test&a=b")).Sample((account, campaign, contact, kind, callback) =>
        {
            var key = new FollowUpKey(account, campaign, contact, kind);

            var url = StatusCallbackUrl.For(callback, key);

            Uri.TryCreate(url, UriKind.Absolute, out _).Should().BeTrue(url);
            StatusCallbackUrl.KeyIn(url).Should().Be(key, url);
        });
    }

    [Fact]
    public void AttemptIn_AnyAttempt_RoundTripsWithTheKeyThroughTheUrlItIsPutIn()
    {
        Gen.Select(Gen.String[1, 40], Gen.Int[0, int.MaxValue], Gen.OneOf("https://acme.example/twilio/status", "https://acme.example/s?env=test&attempt=x")).Sample((contact, attempt, callback) =>
        {
            var key = new FollowUpKey("acct", "camp", contact, FollowUpKind.Sms);

            var url = StatusCallbackUrl.For(callback, key, attempt);

            StatusCallbackUrl.KeyIn(url).Should().Be(key, url);
            StatusCallbackUrl.AttemptIn(url).Should().Be(attempt > 0 ? attempt : null, url);
        });
    }

    [Theory]
    [InlineData("https://acme.example/twilio/status?followup=a/b/c/Sms")]
    [InlineData("https://acme.example/twilio/status?followup=a/b/c/Sms&attempt=0")]
    [InlineData("https://acme.example/twilio/status?followup=a/b/c/Sms&attempt=-1")]
    [InlineData("https://acme.example/twilio/status?followup=a/b/c/Sms&attempt=+2")]
    [InlineData("https://acme.example/twilio/status?followup=a/b/c/Sms&attempt=2.0")]
    [InlineData("https://acme.example/twilio/status?followup=a/b/c/Sms&attempt=99999999999")]
    [InlineData("not a url?attempt=2")]
    public void AttemptIn_NoAttemptOrAMalformedOne_IsNull(string url)
    {
        StatusCallbackUrl.AttemptIn(url).Should().BeNull();
    }

    [Theory]
    [InlineData("https://acme.example/twilio/status")]
    [InlineData("https://acme.example/twilio/status?followup=a/b/c")]
    [InlineData("https://acme.example/twilio/status?followup=a/b/c/Fax")]
    [InlineData("not a url")]
    public void KeyIn_NoKeyOrAMalformedOne_IsNull(string url)
    {
        StatusCallbackUrl.KeyIn(url).Should().BeNull();
    }

    [Fact]
    public async Task HandleStatus_ArrivingBeforeTheSendIsRecorded_IsRecordedOnTheFollowUpItsUrlNames()
    {
        var key = new FollowUpKey(AccountId, "camp-1", "contact-1", FollowUpKind.Sms);
        await _services.Store.TryClaimAsync(key, _services.Time.GetUtcNow(), CancellationToken.None);
        var url = StatusCallbackUrl.For("https://acme.example/twilio/status", key);

        var outcome = await _services.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(AuthToken, url, StatusForm(Sid, "sent")));
        await _services.Store.CompleteAsync(key, new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = Sid }, _services.Time.GetUtcNow(), CancellationToken.None);

        outcome.Should().Be(TwilioWebhookOutcome.DeliveryRecorded);
        var record = await _services.Store.FindAsync(key, CancellationToken.None);
        record!.Delivery!.Status.Should().Be(DeliveryStatus.Sent);
        record.Outcome!.ProviderMessageId.Should().Be(Sid);
    }

    [Fact]
    public async Task HandleStatus_ForASendWhoseAnswerNeverCame_ShowsItWentOut()
    {
        var key = new FollowUpKey(AccountId, "camp-1", "contact-1", FollowUpKind.Sms);
        await _services.Store.TryClaimAsync(key, _services.Time.GetUtcNow(), CancellationToken.None);
        await _services.Store.CompleteAsync(key, new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer }, _services.Time.GetUtcNow(), CancellationToken.None);
        var url = StatusCallbackUrl.For("https://acme.example/twilio/status", key);

        var outcome = await _services.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(AuthToken, url, StatusForm(Sid, "delivered")));

        outcome.Should().Be(TwilioWebhookOutcome.DeliveryRecorded);
        var record = await _services.Store.FindAsync(key, CancellationToken.None);
        record!.State.Should().Be(FollowUpState.Unknown, "the outcome stays as recorded");
        record.Delivery.Should().BeEquivalentTo(new { ProviderMessageId = Sid, Status = DeliveryStatus.Delivered, Key = key });
    }

    [Fact]
    public async Task HandleStatus_FailedWithTheOptOutError_PutsTheNumberOnTheAccountsList()
    {
        var key = new FollowUpKey(AccountId, "camp-1", "contact-1", FollowUpKind.Sms);
        await _services.Store.TryClaimAsync(key, _services.Time.GetUtcNow(), CancellationToken.None);
        var url = StatusCallbackUrl.For("https://acme.example/twilio/status", key);

        await _services.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(AuthToken, url, StatusForm(Sid, "failed", errorCode: "21610")));

        var entry = await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone);
        entry!.Reason.Should().Be(SuppressionReason.ProviderOptOut);
    }

    [Fact]
    public async Task HandleStatus_UndeliveredForAnotherReason_AddsNothing()
    {
        var key = new FollowUpKey(AccountId, "camp-1", "contact-1", FollowUpKind.Sms);
        await _services.Store.TryClaimAsync(key, _services.Time.GetUtcNow(), CancellationToken.None);
        var url = StatusCallbackUrl.For("https://acme.example/twilio/status", key);

        await _services.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(AuthToken, url, StatusForm(Sid, "undelivered", errorCode: "30003")));

        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task HandleStatus_KeyInAUrlTheSignatureDoesNotCover_IsRefused()
    {
        var key = new FollowUpKey(AccountId, "camp-1", "contact-1", FollowUpKind.Sms);
        await _services.Store.TryClaimAsync(key, _services.Time.GetUtcNow(), CancellationToken.None);
        var signed = Signatures.Signed(AuthToken, "https://acme.example/twilio/status", StatusForm(Sid, "delivered"));

        var outcome = await _services.Webhooks.HandleStatusCallbackAsync(signed with { Url = StatusCallbackUrl.For(signed.Url, key) });

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        (await _services.Store.FindAsync(key, CancellationToken.None))!.Delivery.Should().BeNull();
    }
}
