using FollowUps.Accounts.Tests.Support;
using FollowUps.Twilio;
using FollowUps.Twilio.Tests.Support;
using static FollowUps.Accounts.Tests.Support.AccountsHost;

namespace FollowUps.Accounts.Tests;

/// <summary>Inbound SMS webhooks on an account's route, checked with that account's auth token.</summary>
public sealed class WebhookTests
{
    private const string AInbound = "https://platform.example/twilio/acme-dental/inbound";

    [Fact]
    public async Task Inbound_StopToAsNumber_SuppressesTheNumberForAOnly_AndBsTokenOnAsRouteIsRefused()
    {
        await using var host = await AccountsHost.StartAsync();
        var forged = await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(BAuthToken, AInbound, Inbound(Calls.Phone(7))));
        var stop = await host.Webhooks.HandleInboundMessageAsync(A, Signatures.Signed(AAuthToken, AInbound, Inbound(Calls.Phone(1))));

        var toA = await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 1), Calls.Campaign);
        var toB = await host.Engine.HandleCallCompletedAsync(Calls.Answered(B, 1), Calls.Campaign);
        var toAOther = await host.Engine.HandleCallCompletedAsync(Calls.Answered(A, 7), Calls.Campaign);

        forged.Should().Be(TwilioWebhookOutcome.SignatureInvalid);
        stop.Should().Be(TwilioWebhookOutcome.OptedOut);
        (await host.Suppressions.FindAsync(A, SuppressionTargetKind.Phone, Calls.Phone(1))).Should().NotBeNull();
        (await host.Suppressions.FindAsync(B, SuppressionTargetKind.Phone, Calls.Phone(1))).Should().BeNull();
        (await host.Suppressions.FindAsync(A, SuppressionTargetKind.Phone, Calls.Phone(7))).Should().BeNull("the forged STOP was refused");
        toA.Sms.Reason.Should().Be(OutcomeReason.Suppressed);
        toA.Email.Reason.Should().Be(OutcomeReason.Suppressed, "a listed phone stops every kind");
        toB.Sms.IsSent.Should().BeTrue(toB.Sms.Detail);
        toAOther.Sms.IsSent.Should().BeTrue(toAOther.Sms.Detail);
        host.TwilioA.Received.Select(sms => sms.Form["To"]).Should().Equal(Calls.Phone(7));
        host.TwilioB.Received.Select(sms => sms.Form["To"]).Should().Equal(Calls.Phone(1));
    }

    /// <summary>The form Twilio posts for an SMS <paramref name="from"/> sent to A's number.</summary>
    public static Dictionary<string, string> Inbound(string from, string body = "STOP") => new(StringComparer.Ordinal)
    {
        ["MessageSid"] = "SM0123456789abcdef0123456789abcd01",
        ["SmsSid"] = "SM0123456789abcdef0123456789abcd01",
        ["AccountSid"] = ASid,
        ["From"] = from,
        ["To"] = AFrom,
        ["Body"] = body,
        ["NumMedia"] = "0",
        ["NumSegments"] = "1",
        ["SmsStatus"] = "received",
        ["ApiVersion"] = "2010-04-01",
    };
}
