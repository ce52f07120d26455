using FollowUps.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FollowUps.Dispatch;

/// <summary>
/// Warns when the host starts with a durable outbox and no dispatcher running in it: retries, queued follow-ups and what
/// a crash left would then wait until something calls <see cref="IFollowUpDispatcher.RunOnceAsync"/>.
/// </summary>
internal sealed class DispatcherCheck(IFollowUpStore store, ILogger<DispatcherCheck> logger, DispatcherRegistration? dispatcher = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (dispatcher is null && store is not InMemoryFollowUpStore)
        {
            Log.NoDispatcher(logger, store.GetType().Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Registered by <c>AddDispatcher()</c>: the host runs the dispatcher.</summary>
internal sealed class DispatcherRegistration;
