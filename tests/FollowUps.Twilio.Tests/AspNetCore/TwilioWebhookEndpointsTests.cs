using System.Net;
using System.Net.Sockets;
using System.Text;
using FollowUps.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using static FollowUps.Twilio.Tests.AspNetCore.WebhookApp;
using static FollowUps.Twilio.Tests.Inbound.WebhookServices;

namespace FollowUps.Twilio.Tests.AspNetCore;

/// <summary><c>MapTwilioWebhooks</c> in a real Kestrel app, with real form POSTs signed for the exact URL.</summary>
public sealed class TwilioWebhookEndpointsTests
{
    private const string Inbound = "/twilio/acct-1/inbound";
    private const string Status = "/twilio/status";
    private const string Sid = "SM0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Inbound_SignedStop_Answers200EmptyTwimlAndListsTheNumber()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/xml");
        (await response.Content.ReadAsStringAsync()).Should().Be("""<?xml version="1.0" encoding="UTF-8"?><Response></Response>""");
        var entry = await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone);
        entry!.Reason.Should().Be(SuppressionReason.OptOutReply);
    }

    [Fact]
    public async Task Inbound_SignedReplyAskingForNothing_Answers200EmptyTwiml()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("Sounds good, see you Tuesday"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""<?xml version="1.0" encoding="UTF-8"?><Response></Response>""");
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task Inbound_Unsigned_Answers403AndChangesNothing()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"), token: null);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Theory]
    [InlineData("another account in the path", "/twilio/acct-2/inbound")]
    [InlineData("another port", "http://127.0.0.1:1/twilio/acct-1/inbound")]
    [InlineData("https", "https://127.0.0.1/twilio/acct-1/inbound")]
    [InlineData("a query Twilio added", "/twilio/acct-1/inbound?x=1")]
    public async Task Inbound_SignedForAnotherUrl_Answers403(string difference, string signedFor)
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"), signedUrl: app.UrlOf(signedFor));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, difference);
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
        (await app.Suppressions.FindAsync("acct-2", SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task Inbound_SignedWithAnotherToken_Answers403()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"), token: "someone-elses-token");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Inbound_TwoSignatureHeaders_Answers403()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"), configure: request =>
            request.Headers.Add("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8="));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Inbound_UrlWithQueryAndEscapes_SignedAsConfigured_Answers200()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync("/twilio/acme%20dental/inbound?env=prod&v=a%2Bb", InboundForm("STOP"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Suppressions.FindAsync("acme dental", SuppressionTargetKind.Phone, ContactPhone)).Should().NotBeNull();
    }

    [Fact]
    public async Task Inbound_RepeatedField_TakesTheFirstValue()
    {
        await using var app = await StartAsync();
        var signedForm = InboundForm("Sounds good");
        var sent = signedForm.Append(new KeyValuePair<string, string>("Body", "STOP"));
        using var request = new HttpRequestMessage(HttpMethod.Post, Inbound) { Content = new FormUrlEncodedContent(sent) };
        request.Headers.Add("X-Twilio-Signature", Support.Signatures.Sign(AuthToken, app.UrlOf(Inbound), signedForm));

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task Inbound_SignedWithoutFrom_Answers400()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP", from: null));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Inbound_NotAForm_Answers415AndChangesNothing()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.PostAsync(Inbound, new StringContent("""{"From":"+14155550123","Body":"STOP"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task Inbound_Get_Answers405()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.GetAsync(Inbound);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Status_SignedCallbacks_Answer204AndMoveTheFollowUpForward()
    {
        await using var app = await StartAsync();
        var key = await SeedSentSmsAsync(app);

        foreach (var status in new[] { "sent", "delivered", "sent" })
        {
            using var response = await app.PostAsync(Status, StatusForm(Sid, status));
            response.StatusCode.Should().Be(HttpStatusCode.NoContent, status);
            (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        }

        (await app.Store.FindAsync(key, CancellationToken.None))!.Delivery!.Status.Should().Be(DeliveryStatus.Delivered);
    }

    [Fact]
    public async Task Status_UnknownMessage_Answers204SoTwilioDoesNotRetry()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Status, StatusForm("SMffffffffffffffffffffffffffffffff", "delivered"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Status_Forged_Answers403AndChangesNothing()
    {
        await using var app = await StartAsync();
        var key = await SeedSentSmsAsync(app);

        using var unsigned = await app.PostAsync(Status, StatusForm(Sid, "delivered"), token: null);
        using var forInbound = await app.PostAsync(Status, StatusForm(Sid, "delivered"), signedUrl: app.UrlOf(Inbound));

        unsigned.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forInbound.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.Store.FindAsync(key, CancellationToken.None))!.Delivery.Should().BeNull();
    }

    [Fact]
    public async Task Status_SignedWithoutMessageSid_Answers400()
    {
        await using var app = await StartAsync();
        var form = StatusForm(Sid, "delivered");
        form.Remove("MessageSid");

        using var response = await app.PostAsync(Status, form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Map_WithPrefixAndPathBase_ChecksTheFullUrl()
    {
        await using var app = await StartAsync(pipeline: a =>
        {
            a.UsePathBase("/api");
            a.UseRouting();
            a.MapTwilioWebhooks("/hooks/twilio");
        });

        using var signed = await app.PostAsync("/api/hooks/twilio/acct-1/inbound", InboundForm("STOP"));
        using var signedWithoutPathBase = await app.PostAsync("/api/hooks/twilio/acct-1/inbound", InboundForm("STOP"), signedUrl: app.UrlOf("/hooks/twilio/acct-1/inbound"));

        signed.StatusCode.Should().Be(HttpStatusCode.OK);
        signedWithoutPathBase.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("acme.example")]
    [InlineData("acme.example:443")]
    public async Task Map_BehindAProxyWithForwardedHeaders_ChecksThePublicUrl(string forwardedHost)
    {
        await using var app = await StartAsync(pipeline: a =>
        {
            a.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost });
            a.MapTwilioWebhooks();
        });
        const string publicUrl = "https://acme.example/twilio/acct-1/inbound";
        void Proxied(HttpRequestMessage request)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
        }

        using var signedForPublicUrl = await app.PostAsync(Inbound, InboundForm("STOP"), signedUrl: publicUrl, configure: Proxied);
        using var signedForLocalUrl = await app.PostAsync(Inbound, InboundForm("STOP"), configure: Proxied);

        signedForPublicUrl.StatusCode.Should().Be(HttpStatusCode.OK);
        signedForLocalUrl.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Map_BehindAProxyWithoutForwardedHeaders_RefusesThePublicSignature()
    {
        await using var app = await StartAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"), signedUrl: "https://acme.example/twilio/acct-1/inbound", configure: request =>
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Host", "acme.example");
        });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Map_ReturnedGroup_TakesConventionsSuchAsRateLimits()
    {
        await using var app = await StartAsync(
            pipeline: a =>
            {
                a.UseRateLimiter();
                a.MapTwilioWebhooks().RequireRateLimiting("twilio");
            },
            services: s => s.AddRateLimiter(o =>
            {
                o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                o.AddFixedWindowLimiter("twilio", w => (w.PermitLimit, w.Window, w.QueueLimit) = (1, TimeSpan.FromHours(1), 0));
            }));

        using var first = await app.PostAsync(Inbound, InboundForm("Sounds good"));
        using var second = await app.PostAsync(Inbound, InboundForm("STOP"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    [Fact]
    public async Task Map_WithoutAddTwilioSms_ThrowsNamingTheFix()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme", "Dana"));
        await using var app = builder.Build();

        var map = () => app.MapTwilioWebhooks();

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddTwilioSms*");
    }

    [Fact]
    public async Task Inbound_Http10WithoutHost_Answers400()
    {
        await using var app = await StartAsync();
        var body = "From=%2B14155550123&Body=STOP";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, app.Address.Port);
        await using var stream = tcp.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {Inbound} HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: RSOYDt4T1cUTdK1PDd93/VVr8B8=\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();

        statusLine.Should().StartWith("HTTP/1.1 400");
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull();
    }

    private static async Task<FollowUpKey> SeedSentSmsAsync(WebhookApp app)
    {
        var key = new FollowUpKey(AccountId, "camp-1", "contact-1", FollowUpKind.Sms);
        var now = new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero);
        (await app.Store.TryClaimAsync(key, now, CancellationToken.None)).Should().BeTrue();
        await app.Store.CompleteAsync(key, new FollowUpOutcome
        {
            Kind = FollowUpKind.Sms,
            Status = OutcomeStatus.Sent,
            Reason = OutcomeReason.None,
            Recipient = ContactPhone,
            ProviderMessageId = Sid,
        }, now, CancellationToken.None);
        return key;
    }
}
