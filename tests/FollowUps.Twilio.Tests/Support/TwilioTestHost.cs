using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FollowUps.Twilio.Tests.Support;

/// <summary>FollowUps with the Twilio adapter as a host registers it, its HTTP client sent to the fake API.</summary>
internal sealed class TwilioTestHost : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-auth-token-0123456789abcdef";
    public const string ApiKeySid = "SK0123456789abcdef0123456789abcdef";
    public const string ApiKeySecret = "test-api-key-secret";
    public const string FromNumber = "+14155550100";

    private readonly ServiceProvider _provider;

    public TwilioTestHost(FakeTwilioApi api, Action<TwilioSmsOptions>? configure = null, TimeProvider? timeProvider = null)
        : this(api.Address, configure, timeProvider)
    {
    }

    public TwilioTestHost(Uri apiAddress, Action<TwilioSmsOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddSingleton<ILoggerProvider>(Logs);
        services.AddLogging();
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName, o.DefaultMeetingLink) = ("Acme Dental", "Dana", "https://cal.example.com/acme"))
            .AddTwilioSms(o =>
            {
                o.AccountSid = AccountSid;
                o.AuthToken = AuthToken;
                o.FromNumber = FromNumber;
                configure?.Invoke(o);
            });
        services.AddHttpClient(TwilioSmsOptions.HttpClientName).AddHttpMessageHandler(() => new LoopbackRedirectHandler(apiAddress, Hosts));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeLoggerProvider Logs { get; } = new();

    /// <summary>The host name of every request the SDK made, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Hosts { get; } = new();

    public ISmsSender Sender => _provider.GetRequiredService<ISmsSender>();

    public IFollowUpEngine Engine => _provider.GetRequiredService<IFollowUpEngine>();

    public IFollowUpStore Store => _provider.GetRequiredService<IFollowUpStore>();

    public ISuppressionList Suppressions => _provider.GetRequiredService<ISuppressionList>();

    public IFollowUpDispatcher Dispatcher => _provider.GetRequiredService<IFollowUpDispatcher>();

    public TwilioWebhooks Webhooks => _provider.GetRequiredService<TwilioWebhooks>();

    public static SmsMessage Message(string to = "+14155550123", string body = "Hi Ann, it's Dana from Acme Dental. Book here: https://cal.example.com/acme\nReply STOP to opt out.") => new()
    {
        Key = new FollowUpKey("acct-1", "camp-1", $"contact-{to}", FollowUpKind.Sms),
        To = to,
        Body = body,
        Template = SmsTemplateKind.MeetingRequest,
    };

    /// <summary>
    /// <paramref name="sms"/>'s follow-up left unknown by its first attempt, claimed at <paramref name="claimedAt"/>; its
    /// attempt began <paramref name="attemptStartedAt"/> (<see langword="null"/>: a row of a store written before it was kept).
    /// </summary>
    public static FollowUpRecord Unknown(SmsMessage sms, DateTimeOffset claimedAt, DateTimeOffset? attemptStartedAt) => new()
    {
        Key = sms.Key,
        CallId = "call-1",
        Targets = [new SuppressionTarget(SuppressionTargetKind.Phone, sms.To)],
        Sms = sms with { Attempt = 1 },
        State = FollowUpState.Unknown,
        Attempts = 1,
        AttemptStartedAt = attemptStartedAt,
        ClaimedAt = claimedAt,
        Deadline = claimedAt.AddDays(1),
    };

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
