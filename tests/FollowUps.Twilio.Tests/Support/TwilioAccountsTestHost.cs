using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Twilio.Tests.Support;

/// <summary>
/// One host sending for two accounts with their own Twilio settings and credentials (<c>AddTwilioSms&lt;TAccounts, TCredentials&gt;</c>), as a
/// platform registers it: account A with its own Twilio account, auth token and number; account B a subaccount of the
/// platform's main account, authenticated with the main account's API key, through a Messaging Service. The HTTP client
/// goes to the fake API, noting the host names the SDK built. Logs at every level are kept.
/// </summary>
internal sealed class TwilioAccountsTestHost : IAsyncDisposable
{
    public const string A = "acct-a";
    public const string B = "acct-b";
    public const string ASid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string MainSid = "AC11111111111111111111111111111111";
    public const string BSubaccountSid = "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string AAuthToken = "a-auth-token-secret-0001";
    public const string APreviousAuthToken = "a-previous-auth-token-secret-0002";
    public const string BAuthToken = "b-auth-token-secret-0003";
    public const string BApiKeySid = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string BApiKeySecret = "b-api-key-secret-0004";
    public const string AFrom = "+14155550101";
    public const string BService = "MGbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly ServiceProvider _provider;

    public TwilioAccountsTestHost(FakeTwilioApi api)
    {
        Book.Accounts[A] = new TwilioAccount { AccountSid = ASid, FromNumber = AFrom, StatusCallbackUrl = "https://acme.example/twilio/acct-a/status" };
        Book.Accounts[B] = new TwilioAccount { AccountSid = MainSid, PathAccountSid = BSubaccountSid, MessagingServiceSid = BService, StatusCallbackUrl = "https://acme.example/twilio/acct-b/status" };
        Book.Credentials[A] = new TwilioCredentials { AuthToken = AAuthToken, PreviousAuthToken = APreviousAuthToken };
        Book.Credentials[B] = new TwilioCredentials { AuthToken = BAuthToken, ApiKeySid = BApiKeySid, ApiKeySecret = BApiKeySecret };

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Book);
        services.AddSingleton<ILoggerProvider>(Logs);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName, o.DefaultMeetingLink) = ("Acme Dental", "Dana", "https://cal.example.com/acme"))
            .AddTwilioSms<BookTwilioAccounts, BookTwilioCredentials>();
        services.AddHttpClient(TwilioSmsOptions.HttpClientName).AddHttpMessageHandler(() => new LoopbackRedirectHandler(api.Address, Hosts));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public TwilioAccountBook Book { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));

    public FakeLoggerProvider Logs { get; } = new();

    /// <summary>The host name of every request the SDK made, in order.</summary>
    public ConcurrentQueue<string> Hosts { get; } = new();

    public ISmsSender Sender => _provider.GetRequiredService<ISmsSender>();

    public ISendReconciler Reconciler => (ISendReconciler)Sender;

    public IFollowUpEngine Engine => _provider.GetRequiredService<IFollowUpEngine>();

    public ISuppressionList Suppressions => _provider.GetRequiredService<ISuppressionList>();

    public IFollowUpAccountCache AccountCache => _provider.GetRequiredService<IFollowUpAccountCache>();

    public TwilioWebhooks Webhooks => _provider.GetRequiredService<TwilioWebhooks>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>An SMS of <paramref name="accountId"/>'s follow-up to <paramref name="to"/>.</summary>
    public static SmsMessage Message(string accountId, string to = "+14155550123") => TwilioTestHost.Message(to) with
    {
        Key = new FollowUpKey(accountId, "camp-1", $"contact-{to}", FollowUpKind.Sms),
    };

    /// <summary>Every secret of both accounts, to search logs and results for.</summary>
    public static IReadOnlyList<string> Secrets => [AAuthToken, APreviousAuthToken, BAuthToken, BApiKeySecret];

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
