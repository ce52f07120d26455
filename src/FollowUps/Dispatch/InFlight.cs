namespace FollowUps.Dispatch;

/// <summary>
/// The follow-ups the hosted dispatcher is working on, counted per <see cref="SenderChannel"/>, so it leases more as
/// each finishes and never more than its per-account share of one channel. Thread-safe.
/// </summary>
internal sealed class InFlight
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SenderChannel, int> _perChannel = [];
    private readonly HashSet<Task> _work = [];
    private TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many are in work.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _work.Count;
            }
        }
    }

    /// <summary>Completes when a follow-up in work at the time of the call finishes.</summary>
    public Task Finished
    {
        get
        {
            lock (_lock)
            {
                return _finished.Task;
            }
        }
    }

    /// <summary>The channels with <paramref name="share"/> or more in work.</summary>
    public IReadOnlyList<SenderChannel> Full(int share)
    {
        lock (_lock)
        {
            return [.. _perChannel.Where(channel => channel.Value >= share).Select(channel => channel.Key)];
        }
    }

    /// <summary>Starts <paramref name="work"/> on <paramref name="key"/>, counted until it ends; it must not throw.</summary>
    public void Start(FollowUpKey key, Func<Task> work)
    {
        var channel = SenderChannel.Of(key);
        Task task;
        lock (_lock)
        {
            // Counted before it can end: End takes the same lock.
            _perChannel[channel] = _perChannel.GetValueOrDefault(channel) + 1;
            task = Task.Run(work);
            _work.Add(task);
        }

        _ = task.ContinueWith(done => End(channel, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when everything in work at the time of the call has finished, however it ended.</summary>
    public async Task AllAsync()
    {
        Task all;
        lock (_lock)
        {
            all = Task.WhenAll(_work);
        }

        await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void End(SenderChannel channel, Task done)
    {
        TaskCompletionSource finished;
        lock (_lock)
        {
            _work.Remove(done);
            if (--_perChannel[channel] == 0)
            {
                _perChannel.Remove(channel);
            }

            (finished, _finished) = (_finished, new(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        finished.SetResult();
    }
}
