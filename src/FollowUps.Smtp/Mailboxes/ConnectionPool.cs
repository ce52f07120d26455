using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Internal;
using Microsoft.Extensions.Logging;

namespace FollowUps.Smtp.Mailboxes;

/// <summary>
/// The connections of every mailbox: at most <see cref="SmtpEmailOptions.MaxConnections"/> open at once; the idle ones
/// in the order they were last used, so that room for a new connection is made by closing the least recently used idle
/// one, whatever its mailbox. A send that finds every connection busy waits for one to close or to go back idle (the
/// least recently used idle one then closes to give it its place). A connection that closes gives its place at once and
/// says goodbye after (in the background when a send would wait for it), so no send waits for another mailbox's server
/// (a few closing sockets may outlast the cap by up to the five seconds a goodbye is given). Thread-safe.
/// </summary>
internal sealed class ConnectionPool(SmtpEmailOptions options, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _open = new(options.MaxConnections, options.MaxConnections);

    /// <summary>The idle connections, least recently used first.</summary>
    private readonly LinkedList<PooledConnection> _idle = new();

    /// <summary>How many sends wait for a place (under <see cref="_lock"/>): a connection going back idle makes one.</summary>
    private int _waiting;

    /// <summary>
    /// An idle connection of <paramref name="pool"/> (the one used last), or a new one, closing the least recently used
    /// idle connection of any mailbox when <see cref="SmtpEmailOptions.MaxConnections"/> are open. The caller holds one of
    /// the pool's <see cref="MailboxPool.Slots"/>. Returns null when no connection could be had within <paramref name="wait"/>.
    /// </summary>
    public async Task<PooledConnection?> RentAsync(MailboxPool pool, TimeSpan wait, CancellationToken cancellationToken)
    {
        PooledConnection? victim = null;
        bool placed;
        lock (_lock)
        {
            for (var node = _idle.Last; node is not null; node = node.Previous)
            {
                if (node.Value.Pool == pool)
                {
                    _idle.Remove(node);
                    return node.Value;
                }
            }

            placed = _open.Wait(0, CancellationToken.None);
            if (!placed && _idle.First is { } lru)
            {
                // Full: the least recently used idle connection gives its place to this one.
                _idle.RemoveFirst();
                victim = lru.Value;
                placed = true;
            }
            else if (!placed)
            {
                _waiting++;
            }
        }

        if (victim is not null)
        {
            Log.ClosingLeastRecentlyUsed(logger, victim.Pool.AccountId, victim.Pool.Mailbox.Host, pool.AccountId);
            CloseInBackground(victim);
        }
        else if (!placed)
        {
            try
            {
                if (!await SlotWait.EnterAsync(_open, wait, time, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }
            finally
            {
                lock (_lock)
                {
                    _waiting--;
                }
            }
        }

        return new PooledConnection(pool, new SmtpConnection(pool, time, logger));
    }

    /// <summary>
    /// Gives a connection back after its send: idle for the next send of its mailbox, or closed when the mailbox was
    /// retired. When a send waits for a place, the least recently used idle connection closes to give it one.
    /// </summary>
    public Task ReturnAsync(PooledConnection connection)
    {
        PooledConnection? lru = null;
        lock (_lock)
        {
            if (!connection.Pool.Retired)
            {
                _idle.AddLast(connection);
                if (_waiting == 0)
                {
                    return Task.CompletedTask;
                }

                lru = _idle.First!.Value;
                _idle.RemoveFirst();
            }
        }

        // Retired: the send that used it does not wait for the goodbye either. Or a send waits for a place: the least
        // recently used idle connection gives it its own.
        CloseInBackground(lru ?? connection);
        _open.Release();
        return Task.CompletedTask;
    }

    /// <summary>Retires <paramref name="pool"/>: its idle connections close now (QUIT), the busy ones when their send ends (in the background).</summary>
    public async Task RetireAsync(MailboxPool pool)
    {
        foreach (var connection in TakeIdle(pool))
        {
            await CloseAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Retires <paramref name="pool"/> without waiting for any server: its idle connections give their places at once and
    /// say goodbye in the background, the busy ones when their send ends.
    /// </summary>
    public void Retire(MailboxPool pool)
    {
        foreach (var connection in TakeIdle(pool))
        {
            _open.Release();
            CloseInBackground(connection);
        }
    }

    /// <summary>Marks <paramref name="pool"/> retired (no connection of it goes back idle) and takes its idle connections.</summary>
    private List<PooledConnection> TakeIdle(MailboxPool pool)
    {
        var idle = new List<PooledConnection>();
        lock (_lock)
        {
            pool.Retired = true;
            for (var node = _idle.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Pool == pool)
                {
                    _idle.Remove(node);
                    idle.Add(node.Value);
                }

                node = next;
            }
        }

        return idle;
    }

    public void Dispose() => _open.Dispose();

    /// <summary>
    /// Closes a connection whose place went to another send, without that send waiting for the goodbye (QUIT, up to five
    /// seconds): a mailbox whose server stopped answering must not hold up another account's send.
    /// </summary>
    private static void CloseInBackground(PooledConnection connection) => _ = Task.Run(async () =>
    {
        try
        {
            await connection.Connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Saying goodbye is a courtesy; the socket is closed either way and nobody waits for it.
        }
    });

    /// <summary>Closes a connection (QUIT, up to five seconds); its place is free at once, so no send waits for the goodbye.</summary>
    private async Task CloseAsync(PooledConnection connection)
    {
        _open.Release();
        await connection.Connection.DisposeAsync().ConfigureAwait(false);
    }
}
