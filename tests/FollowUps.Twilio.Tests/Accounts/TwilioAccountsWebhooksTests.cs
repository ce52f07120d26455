using FollowUps.Twilio.Tests.Support;
using static FollowUps.Twilio.Tests.Inbound.WebhookServices;
using static FollowUps.Twilio.Tests.Support.TwilioAccountsTestHost;

namespace FollowUps.Twilio.Tests.Accounts;

/// <summary>Webhooks routed to an account and checked with that account's auth token, in a host serving two accounts.</summary>
public sealed class TwilioAccountsWebhooksTests : IAsyncLifetime
{
    private const string AInbound = "https://acme.example/twilio/acct-a/inbound";
    private const string AStatus = "https://acme.example/twilio/acct-a/status";
    private FakeTwilioApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Inbound_SignedWithTheAccountsPreviousTokenDuringARotation_IsAccepted()
    {
        await using var host = new TwilioAccountsTestHost(_api);

        var outcome = await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(APreviousAuthToken, AInbound, InboundForm("STOP")));

        outcome.Should().Be(TwilioWebhookOutcome.OptedOut);
    }

    [Fact]
    public async Task Inbound_SignedWithAnotherAccountsTokenOnThisAccountsRoute_IsRefused()
    {
        await using var host = new TwilioAccountsTestHost(_api);

        var outcome = await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(BAuthToken, AInbound, InboundForm("STOP")));

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        (await host.Suppressions.FindAsync(A, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task Inbound_AccountWithoutCredentials_IsRefused()
    {
        await using var host = new TwilioAccountsTestHost(_api);

        var outcome = await host.Webhooks.HandleInboundMessageAsync("acct-c", Signatures.Signed(AAuthToken, "https://acme.example/twilio/acct-c/inbound", InboundForm("STOP")));

        outcome.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        host.Logs.Collector.GetSnapshot().Should().Contain(log => log.Id.Id == 208 && log.Message.Contains("acct-c"));
    }

    [Fact]
    public async Task Inbound_StopOnAsRoute_SuppressesTheNumberForAOnlyAndBsFollowUpStillGoes()
    {
        await using var host = new TwilioAccountsTestHost(_api);

        var outcome = await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(AAuthToken, AInbound, InboundForm("STOP")));
        var toA = await host.Engine.HandleCallCompletedAsync(Call(A), Campaign);
        var toB = await host.Engine.HandleCallCompletedAsync(Call(B), Campaign);

        outcome.Should().Be(TwilioWebhookOutcome.OptedOut);
        toA.Sms.Reason.Should().Be(OutcomeReason.Suppressed);
        toB.Sms.IsSent.Should().BeTrue(toB.Sms.Detail);
        var sent = _api.Received.Should().ContainSingle().Subject;
        (sent.AccountSid, sent.Form["To"]).Should().Be((BSubaccountSid, ContactPhone));
    }

    [Fact]
    public async Task Status_SignedWithAnotherAccountsTokenOnThisAccountsRoute_IsRefused()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        var url = $"{AStatus}?followup=acct-a/camp-1/contact-1/Sms";

        var forged = await host.Webhooks.HandleAccountStatusCallbackAsync(A, Signatures.Signed(BAuthToken, url, StatusForm(Sid, "delivered")));
        var signed = await host.Webhooks.HandleAccountStatusCallbackAsync(A, Signatures.Signed(APreviousAuthToken, url, StatusForm(Sid, "delivered")));

        forged.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        signed.Should().Be(TwilioWebhookOutcome.DeliveryUnknownMessage, "signed with A's previous token, and no such follow-up was sent");
    }

    [Fact]
    public async Task Status_OnAsRouteNamingBsFollowUp_IsMalformed()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        var url = $"{AStatus}?followup=acct-b/camp-1/contact-1/Sms";

        var outcome = await host.Webhooks.HandleAccountStatusCallbackAsync(A, Signatures.Signed(AAuthToken, url, StatusForm(Sid, "failed", errorCode: "21610")));

        outcome.Should().Be(TwilioWebhookOutcome.Malformed);
        (await host.Suppressions.FindAsync(B, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull("A's webhook never changes B's list");
    }

    [Fact]
    public async Task Status_OnAsRouteWithOnlyTheMessageSidOfBsFollowUp_IsMalformedAndBsFollowUpUnchanged()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        var toB = await host.Engine.HandleCallCompletedAsync(Call(B), Campaign);
        var sid = toB.Sms.ProviderMessageId!;

        var outcome = await host.Webhooks.HandleAccountStatusCallbackAsync(A, Signatures.Signed(AAuthToken, AStatus, StatusForm(sid, "undelivered", errorCode: "30005")));

        outcome.Should().Be(TwilioWebhookOutcome.Malformed, "A's token can sign a callback for B's message id, but A's route never changes B's follow-ups");
        (await host.Get<IFollowUpStore>().FindByProviderMessageIdAsync(sid, default))!.Delivery.Should().BeNull();
    }

    [Fact]
    public async Task Status_OnTheSharedRoute_IsCheckedWithTheTokenOfTheAccountItsUrlNames()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        var url = "https://acme.example/twilio/status?followup=acct-b/camp-1/contact-1/Sms";

        var forged = await host.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(AAuthToken, url, StatusForm(Sid, "delivered")));
        var signed = await host.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(BAuthToken, url, StatusForm(Sid, "delivered")));
        var unnamed = await host.Webhooks.HandleStatusCallbackAsync(Signatures.Signed(BAuthToken, "https://acme.example/twilio/status", StatusForm(Sid, "delivered")));

        forged.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        signed.Should().Be(TwilioWebhookOutcome.DeliveryUnknownMessage);
        unnamed.Should().Be(TwilioWebhookOutcome.Malformed, "with many accounts, no token can check a URL that names none");
    }

    [Fact]
    public async Task Secrets_SendsRefusalsFailuresAndWebhooks_AppearInNoLogResultOrException()
    {
        await using var host = new TwilioAccountsTestHost(_api);
        var texts = new List<string>();
        _api.AnswerNextWith(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
        texts.Add((await host.Sender.SendAsync(Message(A), CancellationToken.None)).ToString());
        texts.Add((await host.Sender.SendAsync(Message(A), CancellationToken.None)).ToString());
        texts.Add((await host.Sender.SendAsync(Message(B), CancellationToken.None)).ToString());
        texts.Add((await host.Reconciler.ReconcileAsync(Unknown(A), CancellationToken.None)).ToString());
        texts.Add(host.Book.Credentials[A].ToString());
        texts.Add((await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(BAuthToken, AInbound, InboundForm("STOP")))).ToString());
        texts.Add((await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(AAuthToken, AInbound, InboundForm("STOP")))).ToString());
        host.Book.Credentials[B] = new TwilioCredentials { ApiKeySid = BApiKeySid };
        texts.Add($"{await Record(() => host.Sender.SendAsync(Message(B), CancellationToken.None))}");
        host.Book.CredentialsFail = new InvalidOperationException($"vault could not decrypt {BApiKeySecret}");
        texts.Add($"{await Record(() => host.Sender.SendAsync(Message(B), CancellationToken.None))}");

        var logs = host.Logs.Collector.GetSnapshot();
        logs.Should().Contain(log => log.Id.Id == 202, "the refusal is logged");
        texts.AddRange(logs.Select(log => $"{log.Message} {log.Exception} {string.Join(",", log.StructuredState ?? [])}"));
        foreach (var secret in Secrets)
        {
            texts.Should().NotContain(text => text.Contains(secret, StringComparison.Ordinal), $"the secret {secret[..6]}… must never be shown");
        }
    }

    private const string Sid = "SM0123456789abcdef0123456789abcdef";

    private static readonly CampaignFollowUpSettings Campaign = new()
    {
        Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
    };

    private static async Task<Exception?> Record(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (SendNotStartedException ex)
        {
            return ex;
        }
    }

    private static FollowUpRecord Unknown(string accountId)
    {
        var at = new DateTimeOffset(2026, 11, 28, 14, 59, 0, TimeSpan.Zero);
        return TwilioTestHost.Unknown(Message(accountId), at, at);
    }

    private static CallCompleted Call(string accountId) => new()
    {
        AccountId = accountId,
        CampaignId = "campaign-1",
        CallId = $"call-{accountId}",
        Contact = new Contact { Id = "contact-1", Phone = ContactPhone, FirstName = "Ann" },
        Status = CallStatus.Answered,
        Transcript =
        [
            new TranscriptTurn { Speaker = Speaker.Agent, Text = "Can I text you a link to book?" },
            new TranscriptTurn { Speaker = Speaker.Contact, Text = "Sure, you can text me." },
        ],
        Consent = new CallConsent { Sms = ChannelConsent.Granted(1, "you can text me", TimeSpan.FromSeconds(20)) },
    };
}
