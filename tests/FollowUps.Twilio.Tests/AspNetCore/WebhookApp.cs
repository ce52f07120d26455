using FollowUps.Twilio.Tests.Support;
using static FollowUps.Twilio.Tests.Inbound.WebhookServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FollowUps.Twilio.Tests.AspNetCore;

/// <summary>
/// A real ASP.NET Core app on Kestrel, 127.0.0.1 and a free port, with FollowUps, the Twilio adapter and
/// <c>MapTwilioWebhooks</c>, and a client that posts forms to it signed as Twilio signs them. The account and token
/// are <see cref="Inbound.WebhookServices"/>'s.
/// </summary>
internal sealed class WebhookApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        // Twilio does not follow redirects to a login page: neither does this client, so a 302 shows as a 302.
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address };
    }

    /// <summary>The app's address, such as <c>http://127.0.0.1:40169/</c>.</summary>
    public Uri Address { get; }

    public HttpClient Client { get; }

    public ISuppressionList Suppressions => _app.Services.GetRequiredService<ISuppressionList>();

    public IFollowUpStore Store => _app.Services.GetRequiredService<IFollowUpStore>();

    /// <summary>
    /// Starts the app. <paramref name="pipeline"/> replaces the default <c>app.MapTwilioWebhooks()</c>, for tests of
    /// prefixes, path bases, proxies and conventions; <paramref name="services"/> adds services.
    /// </summary>
    public static async Task<WebhookApp> StartAsync(Action<WebApplication>? pipeline = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme", "Dana"))
            .AddTwilioSms(o => (o.AccountSid, o.AuthToken, o.FromNumber) = (AccountSid, AuthToken, "+14155550100"));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        (pipeline ?? (a => a.MapTwilioWebhooks()))(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookApp(app, new Uri(address + "/"));
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this app, as Twilio would have it configured.</summary>
    public string UrlOf(string pathAndQuery) => new Uri(Address, pathAndQuery).AbsoluteUri;

    /// <summary>
    /// Posts <paramref name="form"/> to <paramref name="pathAndQuery"/>, signed with <paramref name="token"/> for
    /// <paramref name="signedUrl"/> (by default the URL it is posted to), or unsigned when <paramref name="token"/> is null.
    /// </summary>
    public Task<HttpResponseMessage> PostAsync(string pathAndQuery, IReadOnlyDictionary<string, string> form, string? token = AuthToken, string? signedUrl = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (token is not null)
        {
            request.Headers.Add("X-Twilio-Signature", Signatures.Sign(token, signedUrl ?? UrlOf(pathAndQuery), form));
        }

        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
