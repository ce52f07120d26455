using FollowUps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Faults;

/// <summary>
/// A host's FollowUps as <c>AddFollowUps().UsePostgreSqlStore(…)</c> registers them, on a data source of the test's own,
/// with a recording SMS sender and a fake logger. With <c>listElsewhere</c>, the do-not-contact list is handed to the
/// engine through a wrapper of its own, so the engine sees two stores and takes the three steps of an inline send
/// (claim, list, move to sending) rather than the store's one write (<see cref="IFollowUpClaimStarter"/>). Thread-safe,
/// as the engine is.
/// </summary>
internal sealed class FaultHost : IAsyncDisposable
{
    private static readonly CampaignFollowUpSettings SmsOnly = new() { Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.MeetingRequest } };

    private readonly ServiceProvider _provider;

    public FaultHost(NpgsqlDataSource source, string schema, int transientRetries, Action<FollowUpDeliveryOptions>? delivery = null, bool listElsewhere = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerProvider>(Logs);
        services.AddLogging();
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName, o.DefaultMeetingLink) = ("Acme Dental", "Dana", "https://cal.example.com/acme"))
            .UsePostgreSqlStore(source, o => (o.Schema, o.TransientRetries, o.UseDatabaseClock) = (schema, transientRetries, true))
            .UseSmsSender(_ => Sent)
            .AddDispatcher();
        if (delivery is not null)
        {
            services.Configure(delivery);
        }

        if (listElsewhere)
        {
            services.AddSingleton<ISuppressionStore>(provider => new ListElsewhere(provider.GetRequiredService<PostgreSqlFollowUpStore>()));
        }

        _provider = services.BuildServiceProvider();
    }

    public RecordingSmsSender Sent { get; } = new();

    public FakeLoggerProvider Logs { get; } = new();

    public IFollowUpEngine Engine => _provider.GetRequiredService<IFollowUpEngine>();

    public IFollowUpDispatcher Dispatcher => _provider.GetRequiredService<IFollowUpDispatcher>();

    public IFollowUpStore Store => _provider.GetRequiredService<IFollowUpStore>();

    public IServiceProvider Services => _provider;

    /// <summary>Handles a call from <paramref name="contact"/>, who agreed to an SMS.</summary>
    public Task<FollowUpReport> CallAsync(string contact) => Engine.HandleCallCompletedAsync(Call(contact), SmsOnly);

    /// <summary>Stores a call from <paramref name="contact"/> for the dispatcher to send.</summary>
    public Task<FollowUpReport> EnqueueAsync(string contact) => Engine.EnqueueCallCompletedAsync(Call(contact), SmsOnly);

    /// <summary>The SMS follow-up's key for <paramref name="contact"/>.</summary>
    public static FollowUpKey SmsKey(string contact) => new("account-1", "campaign-1", contact, FollowUpKind.Sms);

    /// <summary>Starts the hosted services, as the generic host would: the store's opener and the dispatcher's loop.</summary>
    public async Task StartAsync()
    {
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>Stops the hosted services, as the generic host would.</summary>
    public async Task StopAsync()
    {
        foreach (var service in _provider.GetServices<IHostedService>().Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>The store's do-not-contact list through another object: to the engine, a list kept apart from the outbox.</summary>
    private sealed class ListElsewhere(PostgreSqlFollowUpStore store) : ISuppressionStore
    {
        public Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken) =>
            store.FindSuppressionAsync(accountId, targets, cancellationToken);

        public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken) => store.AddSuppressionAsync(entry, cancellationToken);

        public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken) =>
            store.RemoveSuppressionAsync(accountId, target, cancellationToken);
    }

    private static CallCompleted Call(string contact) => SampleCalls.AnsweredWithSmsConsent(contact, new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
}
