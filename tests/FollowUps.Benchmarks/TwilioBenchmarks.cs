using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using FollowUps.Twilio;
using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using HttpClient = System.Net.Http.HttpClient;

namespace FollowUps.Benchmarks;

/// <summary>
/// SMS per second to a loopback server that answers like Twilio's Messages API (Kestrel, in this process): the library's
/// <c>TwilioSmsSender</c>, resolved as a host registers it (<c>AddTwilioSms</c>, the <c>IHttpClientFactory</c> client and
/// its handler), beside the raw SDK call over one long-lived <see cref="HttpClient"/> as the baseline. Both send the same
/// message, and both go through the same redirect handler to the server.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet never disposes a benchmark instance; [GlobalCleanup] disposes what it holds.")]
public class TwilioBenchmarks
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "benchmark-auth-token-0123456789abcdef";
    private const string From = "+14155550100";

    private readonly SmsMessage _message = new()
    {
        Key = new FollowUpKey("acct-1", "camp-1", "contact-1", FollowUpKind.Sms),
        To = "+14155550123",
        Body = "Hi Ann, it's Dana from Acme Dental. Book a meeting here: https://cal.example.com/acme\nReply STOP to opt out.",
        Template = SmsTemplateKind.MeetingRequest,
    };

    private FakeTwilioApi _api = null!;
    private ServiceProvider _provider = null!;
    private ISmsSender _sender = null!;
    private HttpClient _rawHttp = null!;
    private TwilioRestClient _rawClient = null!;

    [GlobalSetup]
    public async Task StartAsync()
    {
        _api = await FakeTwilioApi.StartAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana"))
            .AddTwilioSms(o => (o.AccountSid, o.AuthToken, o.FromNumber) = (AccountSid, AuthToken, From));
        services.AddHttpClient(TwilioSmsOptions.HttpClientName).AddHttpMessageHandler(() => new LoopbackRedirectHandler(_api.Address));
        _provider = services.BuildServiceProvider();
        _sender = _provider.GetRequiredService<ISmsSender>();

        _rawHttp = new HttpClient(new LoopbackRedirectHandler(_api.Address) { InnerHandler = new SocketsHttpHandler() });
        _rawClient = new TwilioRestClient(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(_rawHttp));

        if ((await _sender.SendAsync(_message, CancellationToken.None)).Status != SendStatus.Sent || await RawSdk() is null)
        {
            throw new InvalidOperationException("The loopback Twilio API did not accept a message; the figures would be meaningless.");
        }
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _provider.DisposeAsync();
        _rawHttp.Dispose();
        await _api.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<MessageResource> RawSdk() =>
        MessageResource.CreateAsync(new CreateMessageOptions(new PhoneNumber(_message.To)) { From = new PhoneNumber(From), Body = _message.Body }, _rawClient);

    [Benchmark]
    public Task<SendResult> TwilioSmsSender() => _sender.SendAsync(_message, CancellationToken.None);
}
