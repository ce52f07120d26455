namespace FollowUps.Dispatch;

/// <summary>The dispatcher's leases: the hosted loop, which keeps the workers busy and fair between accounts, and the lease request both ways of running share.</summary>
internal sealed partial class FollowUpDispatcher
{
    /// <summary>
    /// The hosted loop: keeps up to <see cref="FollowUpDeliveryOptions.DispatchConcurrency"/> follow-ups in work, leasing
    /// more once half the workers are free, or a whole batch when <see cref="FollowUpDeliveryOptions.DispatchBatchSize"/> is
    /// less (or at each poll, whatever is free: a lease costs the store the same for one row as for fifty), at most
    /// <see cref="FollowUpDeliveryOptions.DispatchPerAccount"/> of one account's channel at once; when nothing is due it
    /// waits <see cref="FollowUpDeliveryOptions.DispatchPollInterval"/> (or until one in work finishes). A store that cannot be reached is reported to <paramref name="failed"/> with how many leases in a row
    /// failed (1 for the first of an outage: a lease that works starts the count over), which says how long to wait.
    /// Stopping lets what is in work finish.
    /// </summary>
    public async Task RunAsync(Func<Exception, int, TimeSpan> failed, CancellationToken stoppingToken)
    {
        var working = new InFlight(_options.DispatchPerAccount, stoppingToken);
        // Half the workers, or a whole batch when a batch is less: a lease never takes more than DispatchBatchSize.
        var refill = Math.Max(1, Math.Min(_options.DispatchConcurrency / 2, _options.DispatchBatchSize));
        var failures = 0;
        var polled = true; // The first pass, and each one a poll (not a finished send) woke, leases whatever is free.
        while (!stoppingToken.IsCancellationRequested)
        {
            var (inWork, finished) = working.InWork();
            var free = Math.Min(_options.DispatchConcurrency - inWork, _options.DispatchBatchSize);
            Task wake;
            try
            {
                if (free > 0 && (polled || free >= refill))
                {
                    var leased = await LeaseAsync(free, working.Full(), stoppingToken).ConfigureAwait(false);
                    failures = 0;
                    foreach (var record in leased)
                    {
                        working.Start(record.Key, () => WorkAsync(record, stoppingToken));
                    }

                    if (leased.Count == free)
                    {
                        continue; // More may be due: lease again as soon as a worker is free.
                    }
                }

                // Nothing more is due for now (or every worker is busy): look again after the poll interval, or as soon as a worker frees.
                var poll = Task.Delay(_options.DispatchPollInterval, time, stoppingToken);
                wake = working.Count == 0 ? poll : Task.WhenAny(finished, poll);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                wake = Task.Delay(failed(ex, ++failures), time, stoppingToken); // Only the back-off ends this wait.
            }

            try
            {
                await wake.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            polled = !finished.IsCompleted || failures > 0;
        }

        await working.AllAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> due follow-ups: at most the per-account share of one account, none of a resting
    /// channel nor of one in <paramref name="busy"/>.
    /// </summary>
    private Task<IReadOnlyList<FollowUpRecord>> LeaseAsync(int max, IReadOnlyList<SenderChannel> busy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var skip = _rests.Resting(now).Concat(busy).Distinct().SelectMany(channel => channel.Kinds).ToList();
        var request = new FollowUpLeaseRequest(Guid.NewGuid().ToString("N"), now, now + _options.LeaseDuration, max) { MaxPerAccount = _options.DispatchPerAccount, Skip = skip };
        return store.LeaseDueAsync(request, cancellationToken);
    }
}
