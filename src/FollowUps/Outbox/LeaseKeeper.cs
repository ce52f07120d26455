namespace FollowUps.Outbox;

/// <summary>
/// Keeps the leases of the follow-ups held while their send is under way (waiting for a connection, in flight, or in a
/// sender that blocks) alive, so a send slower than its lease is not taken over by a dispatcher. One timer serves every
/// held follow-up: while any is held it ticks every sixth of the lease, and extends each lease last extended a third of
/// the lease ago or more, by a compare-and-set on the record's state and owner. A send costs no timer of its own, and
/// the timer stops once nothing is held. The timer holds the keeper weakly: an engine its host let go of is not kept
/// alive, with its store, until the next tick. Thread-safe.
/// </summary>
internal sealed class LeaseKeeper(IFollowUpStore store, TimeProvider time, TimeSpan lease)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Held> _held = []; // Under _gate.
    private ITimer? _timer; // Under _gate.

    /// <summary>
    /// Keeps <paramref name="held"/>'s lease alive until <see cref="ReleaseAsync"/>, counting from when its lease was last
    /// set (its end less a lease), so a send that starts late in its lease is renewed as soon as a third has passed: at
    /// once when a third has passed already (the next tick may come after the lease ends), outside the caller's context.
    /// </summary>
    public void Hold(Held held)
    {
        var now = time.GetUtcNow();
        held.RenewedAt = held.Current.LeaseExpiresAt is { } expires ? expires - lease : now;
        TaskCompletionSource? done;
        lock (_gate)
        {
            _held.Add(held);
            _timer ??= CreateTimer();
            done = StartRenewal(held, now);
        }

        if (done is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Keeper.RenewAsync(s.Held, s.Now, s.Done), (Keeper: this, Held: held, Now: now, Done: done), preferLocal: false);
        }
    }

    /// <summary>Stops keeping <paramref name="held"/>'s lease; the task ends once a renewal under way has, so the record can be settled.</summary>
    public Task ReleaseAsync(Held held)
    {
        lock (_gate)
        {
            _held.Remove(held);
            return held.Renewal;
        }
    }

    /// <summary>
    /// The timer, made without the caller's execution context: the system clock's timers run their callbacks in the
    /// context they were made in, and this one, made inside whichever send came first, serves every send after it; its
    /// renewals belong to no call (no activity to parent the store's spans, none of a host's async-local values).
    /// </summary>
    private ITimer CreateTimer()
    {
        var restore = !ExecutionContext.IsFlowSuppressed(); // SuppressFlow throws when the caller already did.
        if (restore)
        {
            ExecutionContext.SuppressFlow();
        }

        try
        {
            var ticks = new Ticks(this);
            return ticks.Timer = time.CreateTimer(static ticks => ((Ticks)ticks!).Tick(), ticks, lease / 6, lease / 6);
        }
        finally
        {
            if (restore)
            {
                ExecutionContext.RestoreFlow();
            }
        }
    }

    private void Tick()
    {
        var now = time.GetUtcNow();
        List<(Held Held, TaskCompletionSource Done)>? due = null;
        lock (_gate)
        {
            if (_held.Count == 0)
            {
                _timer?.Dispose();
                _timer = null;
                return;
            }

            foreach (var held in _held)
            {
                if (StartRenewal(held, now) is { } done)
                {
                    (due ??= []).Add((held, done));
                }
            }
        }

        // Outside the lock: a slow store delays no send that starts or ends meanwhile.
        foreach (var (held, done) in due ?? [])
        {
            _ = RenewAsync(held, now, done);
        }
    }

    /// <summary>The renewal of <paramref name="held"/> to run now, when one is due and none is under way; under the lock.</summary>
    private TaskCompletionSource? StartRenewal(Held held, DateTimeOffset now)
    {
        if (!held.Renewal.IsCompleted || now - held.RenewedAt < lease / 3)
        {
            return null;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held.Renewal = done.Task;
        return done;
    }

    private async Task RenewAsync(Held held, DateTimeOffset now, TaskCompletionSource done)
    {
        try
        {
            var current = held.Current;
            await store.TryUpdateAsync(current, current with { LeaseExpiresAt = now + lease }, CancellationToken.None).ConfigureAwait(false);
            held.RenewedAt = now;
        }
        catch (Exception)
        {
            // A store that cannot be reached now may be reached at the next tick; the send itself goes on either way.
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>What the timer calls: the keeper's tick while the keeper lives, else the end of the timer.</summary>
    private sealed class Ticks(LeaseKeeper keeper)
    {
        private readonly WeakReference<LeaseKeeper> _keeper = new(keeper);

        public ITimer? Timer { get; set; }

        public void Tick()
        {
            if (_keeper.TryGetTarget(out var keeper))
            {
                keeper.Tick();
            }
            else
            {
                Timer?.Dispose();
            }
        }
    }

    /// <summary>A follow-up whose lease a <see cref="LeaseKeeper"/> keeps: <see cref="Current"/> is the record the store holds now.</summary>
    internal abstract class Held
    {
        public abstract FollowUpRecord Current { get; }

        /// <summary>When its lease was last extended (or it was first held). Written by the keeper.</summary>
        public DateTimeOffset RenewedAt { get; set; }

        /// <summary>The last renewal, done or under way. Under the keeper's lock.</summary>
        public Task Renewal { get; set; } = Task.CompletedTask;
    }

    /// <summary>A record held as it is, its lease kept while a question about it is under way.</summary>
    internal sealed class HeldRecord(FollowUpRecord record) : Held
    {
        public override FollowUpRecord Current => record;
    }
}
