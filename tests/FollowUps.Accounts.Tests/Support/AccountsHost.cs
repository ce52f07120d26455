using FollowUps.Smtp;
using FollowUps.Smtp.Tests.Support;
using FollowUps.Twilio;
using FollowUps.Twilio.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FollowUps.Accounts.Tests.Support;

/// <summary>
/// One real host serving two customer accounts of a calling platform, registered as the README's "Many accounts"
/// sections show: the core with <c>UseAccounts</c>, FollowUps.Smtp per account, FollowUps.Twilio per account and the
/// SQLite store in a file of a temporary folder. Account A (Acme Dental) and account B (Bright Smiles) each have their
/// own brand, footer, SMTP server (a real one on loopback that requires the account's password) and Twilio account (a
/// loopback fake reached by the account SID in the request's path). Logs at every level are kept. Hosted services run
/// from <see cref="StartAsync"/> until disposed.
/// </summary>
internal sealed class AccountsHost : IAsyncDisposable
{
    public const string A = "acme-dental";
    public const string B = "bright-smiles";
    public const string ASid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string BSid = "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string AFrom = "+14155550101";
    public const string BFrom = "+16175550102";
    public const string AMailbox = "dana@acme-dental.example";
    public const string BMailbox = "ben@bright-smiles.example";
    public const string ASmtpPassword = "a-smtp-password-secret-7f3k";
    public const string BSmtpPassword = "b-smtp-password-secret-9q2m";
    public const string AAuthToken = "a-twilio-auth-token-secret-4d8w";
    public const string BAuthToken = "b-twilio-auth-token-secret-6h1z";
    public const string BApiKeySid = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string BApiKeySecret = "b-twilio-api-key-secret-2n5v";
    public const string SigningKey = "unsubscribe-signing-key-secret-0123456789abcdef";

    private readonly string _folder;
    private ServiceProvider _provider = null!;
    private IHostedService[] _hosted = [];

    private AccountsHost(string folder) => _folder = folder;

    public Platform Platform { get; } = new();

    public FakeLoggerProvider Logs { get; } = new();

    public LoopbackSmtpServer MailA { get; private set; } = null!;

    public LoopbackSmtpServer MailB { get; private set; } = null!;

    public FakeTwilioApi TwilioA { get; private set; } = null!;

    public FakeTwilioApi TwilioB { get; private set; } = null!;

    /// <summary>The SQLite database file the outbox and the do-not-contact list are in.</summary>
    public string DatabasePath => Path.Combine(_folder, "followups.db");

    public IServiceProvider Services => _provider;

    public IFollowUpEngine Engine => _provider.GetRequiredService<IFollowUpEngine>();

    public IFollowUpStore Store => _provider.GetRequiredService<IFollowUpStore>();

    public IFollowUpAccountCache AccountCache => _provider.GetRequiredService<IFollowUpAccountCache>();

    public ISuppressionList Suppressions => _provider.GetRequiredService<ISuppressionList>();

    public TwilioWebhooks Webhooks => _provider.GetRequiredService<TwilioWebhooks>();

    /// <summary>Every secret the host's ports hand out, to search for where none may be.</summary>
    public IReadOnlyList<string> Secrets => [.. Platform.SmtpSecrets.Values, .. Platform.TwilioSecrets.Values.SelectMany(Of), SigningKey];

    /// <summary>Starts the servers and fakes, builds the host as <paramref name="setup"/> says and starts its hosted services.</summary>
    public static async Task<AccountsHost> StartAsync(HostSetup? setup = null)
    {
        setup ??= new HostSetup();
        var host = new AccountsHost(Directory.CreateTempSubdirectory("followups-accounts-").FullName);
        try
        {
            await host.StartServersAsync();
            host.DescribeAccounts();
            host._provider = host.Build(setup);
            host._hosted = [.. host._provider.GetServices<IHostedService>()];
            foreach (var service in host._hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }

            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        foreach (var server in new IAsyncDisposable?[] { MailA, MailB, TwilioA, TwilioB })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task StartServersAsync()
    {
        MailA = await LoopbackSmtpServer.StartAsync(new() { Credentials = (AMailbox, ASmtpPassword) });
        MailB = await LoopbackSmtpServer.StartAsync(new() { Credentials = (BMailbox, BSmtpPassword) });
        TwilioA = await FakeTwilioApi.StartAsync();
        TwilioB = await FakeTwilioApi.StartAsync();
    }

    /// <summary>What the platform holds about A and B: brand, footer, mailbox and Twilio account of each, and their secrets.</summary>
    private void DescribeAccounts()
    {
        Platform.Settings[A] = Brands.AcmeSettings();
        Platform.Settings[B] = Brands.BrightSettings();
        Platform.Mailboxes[A] = Mailbox(MailA.Port, AMailbox);
        Platform.Mailboxes[B] = Mailbox(MailB.Port, BMailbox);
        Platform.SmtpSecrets[A] = ASmtpPassword;
        Platform.SmtpSecrets[B] = BSmtpPassword;
        Platform.Twilio[A] = new TwilioAccount { AccountSid = ASid, FromNumber = AFrom };
        Platform.Twilio[B] = new TwilioAccount { AccountSid = BSid, FromNumber = BFrom };
        Platform.TwilioSecrets[A] = new TwilioCredentials { AuthToken = AAuthToken };
        Platform.TwilioSecrets[B] = new TwilioCredentials { AuthToken = BAuthToken, ApiKeySid = BApiKeySid, ApiKeySecret = BApiKeySecret };
    }

    private ServiceProvider Build(HostSetup setup)
    {
        var services = new ServiceCollection();
        if (setup.Time is { } time)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton(Platform);
        services.AddSingleton<ILoggerProvider>(Logs);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.Configure<FollowUpDeliveryOptions>(o => setup.Delivery?.Invoke(o));
        services.Configure<FollowUpAccountsOptions>(o => setup.Accounts?.Invoke(o));
        var builder = services
            .AddFollowUps(o =>
            {
                (o.BrandName, o.DefaultSenderName) = ("Platform", "Team");   // for calls of no account
                o.UnsubscribeSigningKey = SigningKey;
            })
            .UseAccounts<PlatformAccounts>()
            .AddSmtpEmail<PlatformMailboxes, PlatformSmtpCredentials>(o =>
            {
                o.Timeout = TimeSpan.FromSeconds(10);
                setup.Smtp?.Invoke(o);
            })
            .AddTwilioSms<PlatformTwilioAccounts, PlatformTwilioCredentials>()
            .UseSqliteStore(DatabasePath);
        if (setup.Dispatcher)
        {
            builder.AddDispatcher();
        }

        var fakes = new Dictionary<string, Uri>(StringComparer.Ordinal) { [ASid] = TwilioA.Address, [BSid] = TwilioB.Address };
        services.AddHttpClient(TwilioSmsOptions.HttpClientName).AddHttpMessageHandler(() => new AccountSidRouter(fakes));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A mailbox on a loopback server, without TLS, that logs in with the account's password.</summary>
    public static SmtpMailbox Mailbox(int port, string address) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SmtpSecurity.None,
        FromAddress = address,
        UserName = address,
        Authentication = SmtpAuthentication.Password,
    };

    private static IEnumerable<string> Of(TwilioCredentials credentials) =>
        new[] { credentials.AuthToken, credentials.PreviousAuthToken, credentials.ApiKeySecret }.OfType<string>();
}

/// <summary>How a test wants its <see cref="AccountsHost"/>: the clock, the dispatcher, and settings to change.</summary>
internal sealed record HostSetup
{
    /// <summary>The clock every part reads; the system's when null.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Whether the hosted dispatcher runs (<c>AddDispatcher</c>).</summary>
    public bool Dispatcher { get; init; }

    public Action<SmtpEmailOptions>? Smtp { get; init; }

    public Action<FollowUpDeliveryOptions>? Delivery { get; init; }

    public Action<FollowUpAccountsOptions>? Accounts { get; init; }
}
