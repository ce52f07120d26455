namespace FollowUps.Dispatch;

/// <summary>
/// The follow-ups the hosted dispatcher is working on, counted per <see cref="SenderChannel"/>, so it leases more as
/// each finishes and never works on more than <paramref name="share"/> of one channel at once: one leased while its
/// channel has its share in work waits (holding no worker) and starts when one of them ends, unless
/// <paramref name="stopping"/> was cancelled by then (its lease runs out and a later batch takes it again). Thread-safe.
/// </summary>
internal sealed class InFlight(int share, CancellationToken stopping)
{
    private readonly Lock _lock = new();

    /// <summary>Per channel: in work or waiting for its turn (what <see cref="Full"/> counts).</summary>
    private readonly Dictionary<SenderChannel, int> _perChannel = [];

    /// <summary>Per channel: in work.</summary>
    private readonly Dictionary<SenderChannel, int> _running = [];

    /// <summary>Leased while their channel had its share in work, oldest first.</summary>
    private readonly List<(SenderChannel Channel, Func<Task> Work)> _waiting = [];
    private readonly HashSet<Task> _work = [];
    private TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many are in work (not those waiting for their channel's turn).</summary>
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

    /// <summary>
    /// How many are in work, and a task that completes when the next of them finishes (or of any started since), read
    /// together: one that finishes just after is still in the count and completes the task, so a loop that waits on the
    /// task because of the count is always woken (read apart, a finish between the two could leave it waiting).
    /// </summary>
    public (int Count, Task Finished) InWork()
    {
        lock (_lock)
        {
            return (_work.Count, _finished.Task);
        }
    }

    /// <summary>The channels with their share or more in work or waiting: a lease skips them.</summary>
    public IReadOnlyList<SenderChannel> Full()
    {
        lock (_lock)
        {
            return [.. _perChannel.Where(channel => channel.Value >= share).Select(channel => channel.Key)];
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> on <paramref name="key"/>, counted until it ends, or when its channel has its share
    /// in work, as soon as one of them ends; it must not throw.
    /// </summary>
    public void Start(FollowUpKey key, Func<Task> work)
    {
        var channel = SenderChannel.Of(key);
        Task task;
        lock (_lock)
        {
            _perChannel[channel] = _perChannel.GetValueOrDefault(channel) + 1;
            if (_running.GetValueOrDefault(channel) >= share)
            {
                _waiting.Add((channel, work));
                return;
            }

            task = Launch(channel, work);
        }

        Watch(channel, task);
    }

    /// <summary>
    /// Completes when everything in work at the time of the call has finished, however it ended. What waits for its
    /// channel's turn is not started any more: its lease runs out and a later batch takes it again.
    /// </summary>
    public async Task AllAsync()
    {
        Task all;
        lock (_lock)
        {
            foreach (var (channel, _) in _waiting)
            {
                Uncount(channel);
            }

            _waiting.Clear();
            all = Task.WhenAll(_work);
        }

        await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Starts <paramref name="work"/>, counted in the same hold of the lock that decided to start it (so a stop, or
    /// another start of its channel, sees it at once); the caller holds the lock. End takes the same lock, so it is
    /// counted before it can end.
    /// </summary>
    private Task Launch(SenderChannel channel, Func<Task> work)
    {
        _running[channel] = _running.GetValueOrDefault(channel) + 1;
        var task = Task.Run(work);
        _work.Add(task);
        return task;
    }

    private void Watch(SenderChannel channel, Task task) =>
        _ = task.ContinueWith(done => End(channel, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void Uncount(SenderChannel channel)
    {
        if (--_perChannel[channel] == 0)
        {
            _perChannel.Remove(channel);
        }
    }

    private void End(SenderChannel channel, Task done)
    {
        TaskCompletionSource finished;
        Task? next = null;
        lock (_lock)
        {
            _work.Remove(done);
            Uncount(channel);
            if (--_running[channel] == 0)
            {
                _running.Remove(channel);
            }

            var turn = _waiting.FindIndex(waiting => waiting.Channel == channel);
            if (turn >= 0 && !stopping.IsCancellationRequested)
            {
                next = Launch(channel, _waiting[turn].Work); // Still counted in _perChannel since Start.
                _waiting.RemoveAt(turn);
            }

            (finished, _finished) = (_finished, new(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        if (next is not null)
        {
            Watch(channel, next);
        }

        finished.SetResult();
    }
}
