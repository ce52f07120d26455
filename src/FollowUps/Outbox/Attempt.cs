namespace FollowUps.Outbox;

/// <summary>
/// One send of a follow-up this worker holds: the move to sending, made once, when the request is about to leave, by a
/// compare-and-set on the held record. <see cref="Current"/> is what the store holds now (the held record until the move,
/// the sending one after), for the lease renewal and the settle. Thread-safe: the move is guarded by the attempt's own
/// monitor (no lock object per send; the attempt is private to the delivery, so nothing else locks on it).
/// </summary>
internal sealed class Attempt : LeaseKeeper.Held
{
    private static readonly Task<bool> AlreadyStarted = Task.FromResult(true);
    private readonly IFollowUpStore _store;
    private readonly FollowUpRecord _held;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lease;
    private Task<bool>? _start; // Under lock (this).
    private volatile FollowUpRecord _current;

    public Attempt(IFollowUpStore store, FollowUpRecord held, TimeProvider time, TimeSpan lease) =>
        (_store, _held, _time, _lease, _current) = (store, held, time, lease, held);

    /// <summary>An attempt whose move to sending the store made already, with the claim (<see cref="IFollowUpClaimStarter"/>).</summary>
    public Attempt(IFollowUpStore store, FollowUpRecord claimed, FollowUpRecord sending, TimeProvider time, TimeSpan lease)
        : this(store, claimed, time, lease)
    {
        _current = sending;
        _start = AlreadyStarted;
    }

    /// <summary>
    /// <paramref name="held"/> with its next attempt started at <paramref name="now"/>, leased for <paramref name="lease"/>:
    /// the record a move to sending writes.
    /// </summary>
    public static FollowUpRecord Sending(FollowUpRecord held, DateTimeOffset now, TimeSpan lease) => held with
    {
        State = FollowUpState.Sending,
        Attempts = held.Attempts + 1,
        AttemptStartedAt = now,
        LeaseExpiresAt = now + lease,
        DueAt = null,
        WaitReason = WaitReason.None,
        Outcome = null, // A new attempt has no outcome yet; the last one's stays in the history.
    };

    public override FollowUpRecord Current => _current;

    /// <summary>Whether another worker moved the follow-up first, so nothing was sent.</summary>
    public bool Lost
    {
        get
        {
            lock (this)
            {
                return _start is { IsCompletedSuccessfully: true, Result: false };
            }
        }
    }

    /// <summary>Moves the follow-up to sending, the first time it is asked; false when another worker moved it first.</summary>
    public Task<bool> TryStartAsync()
    {
        lock (this)
        {
            return _start ??= StartOnceAsync();
        }
    }

    /// <summary>For <see cref="FollowUpSend.RequestLeavingAsync"/>: the move to sending, or the exception that stops the send.</summary>
    public async Task StartOrThrowAsync()
    {
        bool started;
        try
        {
            started = await TryStartAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw new SendNotStartedException($"The outbox could not mark the follow-up sending, so nothing was sent: {ex.Message}", ex);
        }

        if (!started)
        {
            throw new SendNotStartedException("Another worker took this follow-up first; nothing was sent.");
        }
    }

    private async Task<bool> StartOnceAsync()
    {
        var sending = Sending(_held, _time.GetUtcNow(), _lease);
        if (!await _store.TryUpdateAsync(_held, sending, CancellationToken.None).ConfigureAwait(false))
        {
            return false;
        }

        _current = sending;
        return true;
    }
}
