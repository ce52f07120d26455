using FollowUps.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUps.Dispatch;

/// <summary>
/// Runs the dispatcher while the host runs (<see cref="FollowUpDispatcher.RunAsync"/>): it keeps
/// <see cref="FollowUpDeliveryOptions.DispatchConcurrency"/> follow-ups in work while there are due ones, then looks again
/// every <see cref="FollowUpDeliveryOptions.DispatchPollInterval"/>; when the store cannot be reached, it backs off
/// (doubling, up to a minute, starting over once the store answers again) and logs. Stopping lets the sends under way finish.
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
        return dispatcher.RunAsync((ex, failures) =>
        {
            // Twice the poll interval for the first failure of an outage, doubling with each after it.
            var backOff = poll;
            for (var n = 0; n < failures && backOff < MaxBackOff; n++)
            {
                backOff *= 2;
            }

            backOff = backOff < MaxBackOff ? backOff : MaxBackOff;
            Log.DispatcherFailed(logger, ex, backOff);
            return backOff;
        }, stoppingToken);
    }
}
