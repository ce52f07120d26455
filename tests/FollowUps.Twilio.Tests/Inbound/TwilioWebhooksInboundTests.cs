using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.Logging;
using static FollowUps.Twilio.Tests.Inbound.WebhookServices;

namespace FollowUps.Twilio.Tests.Inbound;

/// <summary>Inbound replies through <see cref="TwilioWebhooks"/>, the in-memory store and the real do-not-contact list.</summary>
public sealed class TwilioWebhooksInboundTests : IAsyncLifetime
{
    private readonly WebhookServices _services = WebhookServices.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Theory]
    [InlineData("STOP", null)]
    [InlineData("stop", null)]
    [InlineData("Please stop texting me", null)]
    [InlineData("UNSUBSCRIBE", null)]
    [InlineData("Stop?", "STOP")]
    [InlineData("Sounds good", "STOP")]
    public async Task HandleInbound_OptOutReply_PutsTheSenderOnTheListInE164(string body, string? optOutType)
    {
        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm(body, optOutType: optOutType)));

        outcome.Should().Be(TwilioWebhookOutcome.OptedOut);
        var entry = await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, "(415) 555-0123");
        entry.Should().BeEquivalentTo(new SuppressionEntry
        {
            AccountId = AccountId,
            Target = new SuppressionTarget(SuppressionTargetKind.Phone, ContactPhone),
            Reason = SuppressionReason.OptOutReply,
            CreatedAt = _services.Time.GetUtcNow(),
        });
    }

    [Fact]
    public async Task HandleInbound_OptOut_OnlyForTheAccountInTheUrl()
    {
        await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("STOP")));

        (await _services.Suppressions.FindAsync("acct-2", SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task HandleInbound_OptOutTwice_KeepsTheFirstEntry()
    {
        await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("STOP")));
        var first = _services.Time.GetUtcNow();
        _services.Time.Advance(TimeSpan.FromMinutes(5));

        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("STOP")));

        outcome.Should().Be(TwilioWebhookOutcome.OptedOut);
        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone))!.CreatedAt.Should().Be(first);
    }

    public static TheoryData<string, Func<TwilioWebhookRequest>> Forged => new()
    {
        { "unsigned", () => SignedInbound(InboundForm("STOP")) with { Signature = null } },
        { "empty signature", () => SignedInbound(InboundForm("STOP")) with { Signature = string.Empty } },
        { "signed with another token", () => Signatures.Signed("not-the-token", InboundUrl, InboundForm("STOP")) },
        { "signed for another account's URL", () => Signatures.Signed(AuthToken, "https://acme.example/twilio/acct-2/inbound", InboundForm("STOP")) with { Url = InboundUrl } },
        { "body changed after signing", () => SignedInbound(InboundForm("Sounds good")) with { Form = InboundForm("STOP") } },
        { "OptOutType added after signing", () => SignedInbound(InboundForm("Sounds good")) with { Form = InboundForm("Sounds good", optOutType: "STOP") } },
        { "From changed after signing", () => SignedInbound(InboundForm("STOP", from: "+14155550199")) with { Form = InboundForm("STOP") } },
    };

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task HandleInbound_NotSignedByTwilio_ChangesNothing(string forgery, Func<TwilioWebhookRequest> request)
    {
        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, request());

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid, forgery);
        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull(forgery);
        _services.Logs.Collector.GetSnapshot().Should().Contain(log => log.Id.Id == 203 && log.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task HandleInbound_ForgedStart_DoesNotLiftAnOptOut()
    {
        await _services.Suppressions.AddAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone, SuppressionReason.OptOutReply);

        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("START")) with { Signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=" });

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().NotBeNull();
    }

    [Theory]
    [InlineData(SuppressionReason.OptOutReply, "START", null)]
    [InlineData(SuppressionReason.OptOutReply, "unstop", null)]
    [InlineData(SuppressionReason.OptOutReply, "Yes", null)]
    [InlineData(SuppressionReason.ProviderOptOut, "START", null)]
    [InlineData(SuppressionReason.ProviderOptOut, "Start", "START")]
    public async Task HandleInbound_StartAfterAnOptOut_LiftsIt(SuppressionReason reason, string body, string? optOutType)
    {
        await _services.Suppressions.AddAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone, reason);

        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm(body, optOutType: optOutType)));

        outcome.Should().Be(TwilioWebhookOutcome.OptedIn);
        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task HandleInbound_StartWhenTheHostListedTheNumber_KeepsTheEntry()
    {
        await _services.Suppressions.AddAsync(AccountId, SuppressionTargetKind.Phone, "415-555-0123", SuppressionReason.DoNotContactList);

        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("START", optOutType: "START")));

        outcome.Should().Be(TwilioWebhookOutcome.Ignored);
        var entry = await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone);
        entry!.Reason.Should().Be(SuppressionReason.DoNotContactList);
        _services.Logs.Collector.GetSnapshot().Should().Contain(log => log.Id.Id == 205);
    }

    [Fact]
    public async Task HandleInbound_StopThenHostListsThenStart_KeepsTheHostsEntry()
    {
        await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("STOP")));
        var listed = await _services.Suppressions.AddAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone, SuppressionReason.DoNotContactList);

        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("START")));

        listed.Reason.Should().Be(SuppressionReason.DoNotContactList, "the host's entry replaced the opt-out's, and AddAsync says so");
        outcome.Should().Be(TwilioWebhookOutcome.Ignored);
        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone))!.Reason.Should().Be(SuppressionReason.DoNotContactList);
    }

    [Fact]
    public async Task HandleInbound_StartWithNothingListed_IsIgnored()
    {
        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("START")));

        outcome.Should().Be(TwilioWebhookOutcome.Ignored);
        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task HandleInbound_StopThenStart_EndsOffTheList()
    {
        (await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("STOP")))).Should().Be(TwilioWebhookOutcome.OptedOut);
        (await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("START")))).Should().Be(TwilioWebhookOutcome.OptedIn);

        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Theory]
    [InlineData("Sounds good")]
    [InlineData("HELP")]
    [InlineData("Can I cancel my appointment?")]
    [InlineData("")]
    [InlineData(null)]
    public async Task HandleInbound_ReplyAskingForNothing_IsIgnored(string? body)
    {
        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm(body)));

        outcome.Should().Be(TwilioWebhookOutcome.Ignored);
        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("not a number")]
    [InlineData("+1")]
    public async Task HandleInbound_NoUsableFrom_IsMalformed(string? from)
    {
        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("STOP", from: from)));

        outcome.Should().Be(TwilioWebhookOutcome.Malformed);
        _services.Logs.Collector.GetSnapshot().Should().Contain(log => log.Id.Id == 207);
    }

    [Fact]
    public async Task HandleInbound_UnsignedAndNoFrom_IsRefusedBeforeItIsRead()
    {
        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("STOP", from: null)) with { Signature = null });

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
    }

    [Fact]
    public async Task HandleInbound_Logs_NeverTheNumberTheTextOrTheToken()
    {
        await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("Please stop texting me")));
        await _services.Webhooks.HandleInboundMessageAsync(AccountId, SignedInbound(InboundForm("Please stop texting me")) with { Signature = "forged" });

        var logs = _services.Logs.Collector.GetSnapshot();
        logs.Should().NotBeEmpty();
        logs.Should().AllSatisfy(log =>
        {
            log.Message.Should().NotContain("5550123").And.NotContain("stop texting").And.NotContain(AuthToken);
            log.StructuredState!.Select(pair => pair.Value ?? string.Empty).Should().AllSatisfy(value =>
                value.Should().NotContain("5550123").And.NotContain(AuthToken));
        });
    }
}

/// <summary>Without an auth token (API key only) nothing can be checked, so every webhook is refused.</summary>
public sealed class TwilioWebhooksWithoutAuthTokenTests : IAsyncLifetime
{
    private readonly WebhookServices _services = WebhookServices.Create(o =>
        (o.AuthToken, o.ApiKeySid, o.ApiKeySecret) = (null, "SK0123456789abcdef0123456789abcdef", "test-api-key-secret"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData(AuthToken)]
    [InlineData("test-api-key-secret")]
    public async Task HandleInbound_NoAuthToken_RefusesEverySignature(string signedWith)
    {
        var outcome = await _services.Webhooks.HandleInboundMessageAsync(AccountId, Signatures.Signed(signedWith, InboundUrl, InboundForm("STOP")));

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        (await _services.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
        _services.Logs.Collector.GetSnapshot().Should().Contain(log => log.Id.Id == 208 && log.Level == LogLevel.Error);
    }

    [Fact]
    public async Task HandleStatus_NoAuthToken_RefusesAndRecordsNothing()
    {
        var key = await _services.SeedSentSmsAsync("SM0123456789abcdef0123456789abcdef");

        var outcome = await _services.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(string.Empty, StatusUrl, StatusForm("SM0123456789abcdef0123456789abcdef", "delivered")));

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        (await _services.Store.FindAsync(key, CancellationToken.None))!.Delivery.Should().BeNull();
    }

    [Fact]
    public async Task HandleInbound_BlankAuthToken_RefusesASignatureMadeWithIt()
    {
        await using var services = WebhookServices.Create(o =>
            (o.AuthToken, o.ApiKeySid, o.ApiKeySecret) = (" ", "SK0123456789abcdef0123456789abcdef", "test-api-key-secret"));

        var outcome = await services.Webhooks.HandleInboundMessageAsync(AccountId, Signatures.Signed(" ", InboundUrl, InboundForm("STOP")));

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
    }
}
