using System.Net;
using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static FollowUps.Twilio.Tests.Inbound.WebhookServices;
using static FollowUps.Twilio.Tests.Support.TwilioAccountsTestHost;

namespace FollowUps.Twilio.Tests.AspNetCore;

/// <summary><c>MapTwilioWebhooks</c> in an app serving two accounts: each route checked with its account's token.</summary>
public sealed class TwilioAccountsEndpointsTests
{
    [Fact]
    public async Task AccountRoutes_SignedWithTheirAccountsToken_AreHandledAndWithAnothersRefused()
    {
        await using var app = await WebhookApp.StartAsync(services: s =>
        {
            var book = new TwilioAccountBook();
            book.Credentials[A] = new TwilioCredentials { AuthToken = AAuthToken };
            book.Credentials[B] = new TwilioCredentials { AuthToken = BAuthToken };
            s.AddSingleton(book);
            s.AddFollowUps(_ => { }).AddTwilioSms<BookTwilioAccounts, BookTwilioCredentials>();
        });

        using var statusForged = await app.PostAsync("/twilio/acct-a/status?followup=acct-a/camp-1/contact-1/Sms", StatusForm("SM0123456789abcdef0123456789abcdef", "delivered"), BAuthToken);
        using var status = await app.PostAsync("/twilio/acct-a/status?followup=acct-a/camp-1/contact-1/Sms", StatusForm("SM0123456789abcdef0123456789abcdef", "delivered"), AAuthToken);
        using var inboundForged = await app.PostAsync("/twilio/acct-b/inbound", InboundForm("STOP"), AAuthToken);
        using var inbound = await app.PostAsync("/twilio/acct-b/inbound", InboundForm("STOP"), BAuthToken);

        statusForged.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        status.StatusCode.Should().Be(HttpStatusCode.NoContent);
        inboundForged.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        inbound.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Suppressions.FindAsync(B, SuppressionTargetKind.Phone, ContactPhone)).Should().NotBeNull();
        (await app.Suppressions.FindAsync(A, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }
}
