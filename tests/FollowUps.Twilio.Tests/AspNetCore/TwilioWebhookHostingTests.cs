using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using static FollowUps.Twilio.Tests.AspNetCore.WebhookApp;
using static FollowUps.Twilio.Tests.Inbound.WebhookServices;

namespace FollowUps.Twilio.Tests.AspNetCore;

/// <summary>
/// <c>MapTwilioWebhooks</c> wired into an app as the README shows: behind a TLS-terminating proxy, in an app whose
/// every other page needs a login, and with a rate limit. A real Kestrel app on 127.0.0.1; the proxy is simulated by
/// the headers it adds.
/// </summary>
public sealed class TwilioWebhookHostingTests
{
    private const string Inbound = "/twilio/acct-1/inbound";
    private const string PublicInbound = "https://public.example/twilio/acct-1/inbound";

    [Fact]
    public async Task BehindAProxy_ReadmeForwardedHeadersOptions_AcceptsTheRequestSignedForThePublicUrl()
    {
        await using var app = await StartBehindTheReadmesProxyAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"), signedUrl: PublicInbound, configure: Proxied("public.example"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().NotBeNull();
    }

    [Fact]
    public async Task BehindAProxy_ForwardedHostNotInAllowedHosts_IsNotTrusted()
    {
        await using var app = await StartBehindTheReadmesProxyAsync();

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"), signedUrl: "https://other.example/twilio/acct-1/inbound", configure: Proxied("other.example"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BehindAProxy_UseForwardedHeadersWithoutOptions_RefusesThePublicSignature()
    {
        // The wiring the README used to show: the middleware applies no header until its options name them.
        await using var app = await StartAsync(pipeline: a =>
        {
            a.UseForwardedHeaders();
            a.MapTwilioWebhooks();
        });

        using var response = await app.PostAsync(Inbound, InboundForm("STOP"), signedUrl: PublicInbound, configure: Proxied("public.example"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BehindAProxy_WebhookBaseUrl_ChecksSignaturesAgainstItWithoutForwardedHeaders()
    {
        await using var app = await StartAsync(services: s => s.Configure<TwilioSmsOptions>(o => o.WebhookBaseUrl = "https://public.example"));

        using var signedForPublicUrl = await app.PostAsync(Inbound, InboundForm("STOP"), signedUrl: PublicInbound, configure: Proxied("public.example"));
        using var signedForLocalUrl = await app.PostAsync(Inbound, InboundForm("START"));
        using var spoofedHost = await app.PostAsync(Inbound, InboundForm("START"), signedUrl: "https://other.example/twilio/acct-1/inbound", configure: Proxied("other.example"));

        signedForPublicUrl.StatusCode.Should().Be(HttpStatusCode.OK);
        signedForLocalUrl.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the public URL is checked");
        spoofedHost.StatusCode.Should().Be(HttpStatusCode.Forbidden, "forwarded headers are ignored");
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().NotBeNull();
    }

    [Theory]
    [InlineData("https://public.example/api", "https://public.example/api/twilio/status?followup=x%2Fy")]
    [InlineData("https://public.example/api/", "https://public.example/api/twilio/status?followup=x%2Fy")]
    [InlineData("https://public.example:8443", "https://public.example:8443/twilio/status?followup=x%2Fy")]
    [InlineData("https://public.example:443", "https://public.example/twilio/status?followup=x%2Fy")]
    public async Task WebhookBaseUrl_WithPathOrPort_ReplacesSchemeHostAndPathBase(string baseUrl, string signedUrl)
    {
        await using var app = await StartAsync(
            pipeline: a =>
            {
                a.UsePathBase("/internal");
                a.UseRouting();
                a.MapTwilioWebhooks();
            },
            services: s => s.Configure<TwilioSmsOptions>(o => o.WebhookBaseUrl = baseUrl));

        using var response = await app.PostAsync("/internal/twilio/status?followup=x%2Fy", StatusForm("SM0123456789abcdef0123456789abcdef", "delivered"), signedUrl: signedUrl);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task WithAnAuthorizationFallbackPolicy_SignedStopAndStatusCallbackAreAcceptedWithoutALogin()
    {
        await using var app = await StartAsync(
            pipeline: a =>
            {
                a.UseAuthentication();
                a.UseAuthorization();
                a.MapGet("/account", () => "private");
                a.MapTwilioWebhooks();
            },
            services: s =>
            {
                s.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                s.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            });

        using var page = await app.Client.GetAsync("/account");
        using var stop = await app.PostAsync(Inbound, InboundForm("STOP"));
        using var status = await app.PostAsync("/twilio/status", StatusForm("SM0123456789abcdef0123456789abcdef", "delivered"));
        using var unsigned = await app.PostAsync(Inbound, InboundForm("START"), token: null);

        page.StatusCode.Should().Be(HttpStatusCode.Redirect, "the fallback policy is in force for the app's own pages");
        stop.StatusCode.Should().Be(HttpStatusCode.OK);
        status.StatusCode.Should().Be(HttpStatusCode.NoContent);
        unsigned.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the signature is the endpoints' authentication");
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().NotBeNull();
    }

    [Fact]
    public async Task RequireAuthorizationOnTheGroup_IsIgnored_TheSignatureStaysTheAuthentication()
    {
        await using var app = await StartAsync(
            pipeline: a =>
            {
                a.UseAuthentication();
                a.UseAuthorization();
                a.MapTwilioWebhooks().RequireAuthorization();
            },
            services: s =>
            {
                s.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
                s.AddAuthorization();
            });

        using var stop = await app.PostAsync(Inbound, InboundForm("STOP"));

        stop.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ReadmeRateLimitWiring_PermitsUpToTheLimitThenAnswers429()
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
                o.AddFixedWindowLimiter("twilio", w => (w.PermitLimit, w.Window) = (2, TimeSpan.FromHours(1)));
            }));

        using var first = await app.PostAsync(Inbound, InboundForm("Sounds good"));
        using var second = await app.PostAsync(Inbound, InboundForm("See you then"));
        using var third = await app.PostAsync(Inbound, InboundForm("STOP"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await app.Suppressions.FindAsync(AccountId, SuppressionTargetKind.Phone, ContactPhone)).Should().BeNull("a refused request is not handled");
    }

    /// <summary>What a TLS-terminating proxy adds when it forwards a request it received for https://<paramref name="host"/>.</summary>
    private static Action<HttpRequestMessage> Proxied(string host) => request =>
    {
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", host);
    };

    /// <summary>An app wired as the README shows for a proxy: forwarded headers trusted for public.example only.</summary>
    private static Task<WebhookApp> StartBehindTheReadmesProxyAsync() => StartAsync(
        pipeline: a =>
        {
            a.UseForwardedHeaders();
            a.MapTwilioWebhooks();
        },
        services: s => s.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.AllowedHosts = ["public.example"];
        }));
}
