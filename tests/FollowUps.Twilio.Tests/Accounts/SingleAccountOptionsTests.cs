using FollowUps.Twilio.Tests.Inbound;
using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Accounts;

/// <summary>What many accounts can set per account, one account sets in <see cref="TwilioSmsOptions"/>: subaccount, region, edge, and the auth token before a rotation.</summary>
public sealed class SingleAccountOptionsTests : IAsyncLifetime
{
    private const string Subaccount = "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private FakeTwilioApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Send_OptionsWithSubaccountRegionAndEdge_GoesToThatHostAndSubaccountWithTheMainAccountsCredentials()
    {
        await using var host = new TwilioTestHost(_api, o => (o.PathAccountSid, o.Region, o.Edge) = (Subaccount, "ie1", "dublin"));

        var result = await host.Sender.SendAsync(TwilioTestHost.Message(), CancellationToken.None);

        result.Status.Should().Be(SendStatus.Sent, result.Error);
        host.Hosts.Should().Equal("api.dublin.ie1.twilio.com");
        var request = _api.Received.Should().ContainSingle().Subject;
        request.AccountSid.Should().Be(Subaccount);
        request.Authorization.Should().Be("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TwilioTestHost.AccountSid}:{TwilioTestHost.AuthToken}")));
    }

    [Fact]
    public async Task Inbound_SignedWithThePreviousAuthTokenDuringARotation_IsAccepted()
    {
        const string Previous = "previous-auth-token-0123456789ab";
        await using var services = WebhookServices.Create(o => o.PreviousAuthToken = Previous);

        var previous = await services.Webhooks.HandleInboundMessageAsync(WebhookServices.AccountId, Signatures.Signed(Previous, WebhookServices.InboundUrl, WebhookServices.InboundForm("STOP")));
        var other = await services.Webhooks.HandleInboundMessageAsync(WebhookServices.AccountId, Signatures.Signed("some-other-token-0123456789abcdef", WebhookServices.InboundUrl, WebhookServices.InboundForm("STOP")));

        previous.Should().Be(TwilioWebhookOutcome.OptedOut);
        other.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
    }
}
