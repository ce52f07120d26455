using FollowUps.CrashHost.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FollowUps.CrashHost;

/// <summary>
/// <c>dotnet FollowUps.CrashHost.dll DB PROVIDER MODE CONTACT [full|normal]</c>: handles one answered call of contact
/// CONTACT on the SQLite outbox in the file DB (its commits <c>synchronous=FULL</c>, or NORMAL when the last argument says so), sending through the fake provider at PROVIDER, and is killed by the test at the point
/// MODE names:
/// <list type="bullet">
/// <item><c>after-claim</c>: the SMS claim committed (the engine's three steps); the child prints <c>CLAIMED</c> and waits for ever.</item>
/// <item><c>after-start</c>: the SMS claim and its start committed in one write (<see cref="IFollowUpClaimStarter"/>), before the request left; the child prints <c>CLAIMED</c> and waits for ever.</item>
/// <item><c>after-request</c>: the SMS request reached the provider, which holds its answer.</item>
/// <item><c>email-after-request</c>: the same for an email (the campaign sends only the email).</item>
/// </list>
/// It first prints <c>SYNCHRONOUS Full</c> or <c>SYNCHRONOUS Normal</c>, its store's setting. Exits with 2 on bad arguments; otherwise it prints the report and exits 0, which a test counts as a failure (it
/// never reached its named point).
/// </summary>
internal static class CrashHostProgram
{
    /// <summary>The mode names, as the tests pass them.</summary>
    public const string AfterClaim = "after-claim", AfterStart = "after-start", AfterRequest = "after-request", EmailAfterRequest = "email-after-request";

    /// <summary>What the child prints when its claim (and its start) committed, in modes <see cref="AfterClaim"/> and <see cref="AfterStart"/>.</summary>
    public const string ClaimedLine = "CLAIMED";

    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var synchronous = args is [_, _, _, _, "normal"] ? Sqlite.SqliteSynchronous.Normal : Sqlite.SqliteSynchronous.Full;
        if (args is not [var file, var providerText, var mode, var contactId, ..] || args.Length > 5 || args is [_, _, _, _, not ("full" or "normal")]
            || mode is not (AfterClaim or AfterStart or AfterRequest or EmailAfterRequest) || !Uri.TryCreate(providerText, UriKind.Absolute, out var provider))
        {
            await Console.Error.WriteLineAsync($"usage: DB PROVIDER-URL {AfterClaim}|{AfterStart}|{AfterRequest}|{EmailAfterRequest} CONTACT-ID [full|normal]").ConfigureAwait(false);
            return 2;
        }

        using var http = new HttpClient { BaseAddress = provider, Timeout = TimeSpan.FromMinutes(5) };
        var services = new ServiceCollection();
        services.AddFollowUps(CrashCall.Account)
            .UseSqliteStore(o =>
            {
                o.Path = file;
                o.BusyTimeout = TimeSpan.FromSeconds(30);
                o.Synchronous = synchronous;
            })
            .UseSmsSender(_ => new ProviderSender(http))
            .UseEmailSender(_ => new ProviderSender(http));
        if (mode == AfterClaim)
        {
            services.Replace(ServiceDescriptor.Singleton<IFollowUpStore>(p => new StoppingStore(p.GetRequiredService<Sqlite.SqliteFollowUpStore>(), afterStart: false)));
            services.Replace(ServiceDescriptor.Singleton<ISuppressionStore>(p => p.GetRequiredService<Sqlite.SqliteFollowUpStore>()));
        }
        else if (mode == AfterStart)
        {
            services.AddSingleton(p => new StoppingStore(p.GetRequiredService<Sqlite.SqliteFollowUpStore>(), afterStart: true));
            services.Replace(ServiceDescriptor.Singleton<IFollowUpStore>(p => p.GetRequiredService<StoppingStore>()));
            services.Replace(ServiceDescriptor.Singleton<ISuppressionStore>(p => p.GetRequiredService<StoppingStore>()));
        }

        await using var services_ = services.BuildServiceProvider();
        await Console.Out.WriteLineAsync($"SYNCHRONOUS {services_.GetRequiredService<Sqlite.SqliteFollowUpStore>().Synchronous}").ConfigureAwait(false);
        var engine = services_.GetRequiredService<IFollowUpEngine>();
        var campaign = mode == EmailAfterRequest ? CrashCall.EmailOnly : CrashCall.SmsOnly;
        var report = await engine.HandleCallCompletedAsync(CrashCall.Answered(contactId), campaign).ConfigureAwait(false);
        foreach (var outcome in report.Outcomes)
        {
            await Console.Out.WriteLineAsync($"{outcome.Kind} {outcome.Status} {outcome.Reason} {outcome.Detail}").ConfigureAwait(false);
        }

        await Console.Out.FlushAsync().ConfigureAwait(false);
        return 0;
    }
}
