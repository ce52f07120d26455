using FollowUps.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUps.Dispatch;

/// <summary>
/// Runs the dispatcher while the host runs (<see cref="FollowUpDispatcher.RunAsync"/>): it keeps
/// <see cref="FollowUpDeliveryOptions.DispatchConcurrency"/> follow-ups in work while there are due ones, then looks again
/// every <see cref="FollowUpDeliveryOptions.DispatchPollInterval"/>; when the store cannot be reached, it backs off
/// (doubling, up to a minute) and logs. Stopping lets the sends under way finish.
/// </summary>
internal sealed class FollowUpDispatcherService(
    FollowUpDispatcher dispatcher,
    IOptions<FollowUpDeliveryOptions> options,
    ILogger<FollowUpDispatcherService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.DispatchPollInterval;
        var backOff = poll;
        return dispatcher.RunAsync(ex =>
        {
            backOff = backOff * 2 < MaxBackOff ? backOff * 2 : MaxBackOff;
            Log.DispatcherFailed(logger, ex, backOff);
            return backOff;
        }, stoppingToken);
    }
}
