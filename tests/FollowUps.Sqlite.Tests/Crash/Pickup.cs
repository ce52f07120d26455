using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// The process that comes after a crash: FollowUps on the same SQLite file (<c>UseSqliteStore</c>), its dispatcher
/// sending to the same fake provider, on a clock stopped just past the longest lease the killed child could have taken
/// (the child stamped its leases from the system clock).
/// </summary>
internal sealed class Pickup : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ProviderClient _sender;

    public Pickup(string file, Uri provider)
    {
        _sender = new ProviderClient(provider);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new StoppedClock(TimeProvider.System.GetUtcNow() + new FollowUpDeliveryOptions().LeaseDuration + TimeSpan.FromSeconds(1)));
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana"))
            .UseSqliteStore(file)
            .UseSmsSender(_ => _sender)
            .UseEmailSender(_ => _sender);
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<IOptions<FollowUpDeliveryOptions>>().Value.LeaseDuration.Should().Be(new FollowUpDeliveryOptions().LeaseDuration);
    }

    public IFollowUpStore Store => _services.GetRequiredService<IFollowUpStore>();

    /// <summary>Runs the dispatcher until a batch is empty (at most 10 batches); returns how many follow-ups it leased.</summary>
    public async Task<int> DispatchAsync()
    {
        var dispatcher = _services.GetRequiredService<IFollowUpDispatcher>();
        var leased = 0;
        for (var batch = 0; batch < 10; batch++)
        {
            var count = await dispatcher.RunOnceAsync();
            if (count == 0)
            {
                return leased;
            }

            leased += count;
        }

        throw new InvalidOperationException("The dispatcher still leased follow-ups after 10 batches.");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _sender.Dispose();
    }

    /// <summary>A clock that does not move: the dispatcher sees every lease the child took as ended.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
