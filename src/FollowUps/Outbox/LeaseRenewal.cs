namespace FollowUps.Outbox;

/// <summary>
/// Keeps a held follow-up's lease alive while its send is under way (waiting for a connection, then in flight): every
/// third of the lease, the lease is extended by a compare-and-set on the record's state and owner, so a send slower than
/// the lease is not taken over by a dispatcher. Disposing stops it and waits for a renewal under way.
/// </summary>
internal sealed class LeaseRenewal : IAsyncDisposable
{
    private readonly IFollowUpStore _store;
    private readonly Func<FollowUpRecord> _current;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lease;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _renewing = new(1, 1);

    public LeaseRenewal(IFollowUpStore store, Func<FollowUpRecord> current, TimeProvider time, TimeSpan lease)
    {
        (_store, _current, _time, _lease) = (store, current, time, lease);
        _timer = time.CreateTimer(_ => _ = RenewAsync(), null, lease / 3, lease / 3);
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await _renewing.WaitAsync().ConfigureAwait(false); // A renewal under way ends before the record is settled.
    }

    private async Task RenewAsync()
    {
        if (!_renewing.Wait(0))
        {
            return;
        }

        try
        {
            var held = _current();
            await _store.TryUpdateAsync(held, held with { LeaseExpiresAt = _time.GetUtcNow() + _lease }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A store that cannot be reached now may be reached at the next tick; the send itself goes on either way.
        }
        finally
        {
            _renewing.Release();
        }
    }
}
