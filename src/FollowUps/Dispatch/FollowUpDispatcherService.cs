using FollowUps.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FollowUps.Dispatch;

/// <summary>
/// Runs <see cref="IFollowUpDispatcher"/> while the host runs: batch after batch while there is work, then every
/// <see cref="FollowUpDeliveryOptions.DispatchPollInterval"/>; when the store cannot be reached, it backs off (doubling,
/// up to a minute) and logs. Stopping lets the batch under way finish its sends.
/// </summary>
internal sealed class FollowUpDispatcherService(
    IFollowUpDispatcher dispatcher,
    IOptions<FollowUpDeliveryOptions> options,
    TimeProvider time,
    ILogger<FollowUpDispatcherService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.DispatchPollInterval;
        var backOff = poll;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await dispatcher.RunOnceAsync(stoppingToken).ConfigureAwait(false) > 0 ? TimeSpan.Zero : poll;
                backOff = poll;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                backOff = backOff * 2 < MaxBackOff ? backOff * 2 : MaxBackOff;
                delay = backOff;
                Log.DispatcherFailed(logger, ex, delay);
            }

            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
