using FollowUps.Dispatch;
using FollowUps.Tests.Delivery;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Tests.Dispatch;

/// <summary>The hosted dispatcher backs off while the store cannot be reached, and starts over once it can.</summary>
public sealed class DispatcherServiceBackOffTests
{
    private const int DispatcherFailed = 112;

    [Fact]
    public async Task Run_StoreFailsAgainAfterItRecovered_TheBackOffStartsOverFromTheShortest()
    {
        // Review: the back-off doubled across outages and never started over, so after one long outage every later blip
        // of the store stopped the dispatcher for a minute.
        var time = new FakeTimeProvider(EngineHarness.Start);
        var store = new ScriptedLeases(time, failing: [1, 2, 3, 5]);
        var delivery = new FollowUpDeliveryOptions { DispatchPollInterval = TimeSpan.FromSeconds(1) };
        var dispatcher = new FollowUpDispatcher(store, store, Options.Create(delivery), time, []);
        var logger = new FakeLogger<FollowUpDispatcherService>();
        using var service = new FollowUpDispatcherService(dispatcher, Options.Create(delivery), logger);

        await service.StartAsync(CancellationToken.None);
        while (logger.Collector.GetSnapshot().Count(log => log.Id.Id == DispatcherFailed) < 4)
        {
            time.Advance(TimeSpan.FromSeconds(1)); // Whatever the loop waits for, a second at a time.
            await Task.Delay(5);
        }

        await service.StopAsync(CancellationToken.None);

        var delays = logger.Collector.GetSnapshot().Where(log => log.Id.Id == DispatcherFailed).Select(log => log.GetStructuredStateValue("Delay")).ToList();
        delays.Should().Equal(["00:00:02", "00:00:04", "00:00:08", "00:00:02"], "the lease after the third failure worked: the next failure is the first of a new outage");
    }

    /// <summary>A store whose leases throw on the numbered calls and find nothing due on the others.</summary>
    private sealed class ScriptedLeases(TimeProvider time, int[] failing) : ForwardingStore(time)
    {
        private int _calls;

        public override Task<IReadOnlyList<FollowUpRecord>> LeaseDueAsync(FollowUpLeaseRequest request, CancellationToken cancellationToken)
            => failing.Contains(Interlocked.Increment(ref _calls))
                ? throw new InvalidOperationException("the store cannot be reached")
                : base.LeaseDueAsync(request, cancellationToken);
    }
}
