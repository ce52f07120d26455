using FollowUps.Sqlite.Internal;
using Microsoft.Extensions.Logging;

namespace FollowUps.Sqlite.Storage;

/// <summary>
/// Copies the WAL back into the database file off the committing path. The store's connections never checkpoint when
/// they commit (<c>PRAGMA wal_autocheckpoint = 0</c>; SQLite's default runs a checkpoint, and its fsyncs, inside the
/// commit that crosses 1,000 frames, which made the tail of a call's latency); instead the writer counts its commits
/// here (<see cref="Committed"/>, which only counts) and every <see cref="CheckpointPolicy.CommitsPerCheckpoint"/>-th
/// wakes a loop on the thread pool, which runs a <c>PASSIVE</c> checkpoint beside the writes (it waits for no reader or
/// writer), then, when the WAL has reached <see cref="CheckpointPolicy.HoldWritesAboveFrames"/>, one with the store's
/// writes held back (see <see cref="CheckpointPolicy"/>). A failed checkpoint is logged and tried again at the next
/// wake-up; nothing is thrown into a write. <see cref="Dispose"/> stops the loop after the checkpoint in progress.
/// Thread-safe.
/// </summary>
internal sealed class Checkpointer : IDisposable
{
    private readonly Func<bool, CancellationToken, Task<int>> _checkpoint;
    private readonly CheckpointPolicy _policy;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly SemaphoreSlim _due = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _commits;

    /// <param name="checkpoint">
    /// Runs a <c>PASSIVE</c> checkpoint (with the store's writes held back when its first argument is true) and returns
    /// the frames in the WAL; throws when it fails.
    /// </param>
    /// <param name="policy">When to checkpoint.</param>
    /// <param name="logger">Receives a failed checkpoint.</param>
    /// <param name="path">The file, for the log.</param>
    public Checkpointer(Func<bool, CancellationToken, Task<int>> checkpoint, CheckpointPolicy policy, ILogger logger, string path)
    {
        _checkpoint = checkpoint;
        _policy = policy;
        _logger = logger;
        _path = path;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Whether the loop has fallen <see cref="CheckpointPolicy.InlineAfterCommits"/> commits behind, so the writer should checkpoint itself.</summary>
    public bool FallenBehind => Volatile.Read(ref _commits) >= _policy.InlineAfterCommits;

    /// <summary>Counts a commit of the writer; returns at once.</summary>
    public void Committed()
    {
        if (Interlocked.Increment(ref _commits) == _policy.CommitsPerCheckpoint)
        {
            _due.Release();
        }
    }

    /// <summary>Starts the count again: a checkpoint has copied the WAL back.</summary>
    public void Checkpointed() => Interlocked.Exchange(ref _commits, 0);

    /// <summary>Logs a checkpoint that failed; the next is tried at the next wake-up.</summary>
    public void Failed(Exception exception) => Log.CheckpointFailed(_logger, _path, exception);

    /// <summary>
    /// Stops the loop, after the checkpoint in progress if any. Idempotent. A commit counted after it changes nothing
    /// (the semaphore it may release is left undisposed for that: it has no wait handle to free).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213", Justification = "The semaphore's wait handle is never created; see the summary.")]
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
        _stop.Dispose();
    }

    /// <summary>Whether the loop has ended (after <see cref="Dispose"/>).</summary>
    public bool Stopped => _loop.IsCompleted;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "A failed checkpoint is logged and tried again; the loop must outlive it.")]
    private async Task RunAsync()
    {
        var stopping = _stop.Token;
        while (true)
        {
            try
            {
                await _due.WaitAsync(stopping).ConfigureAwait(false);
                Checkpointed();
                if (await _checkpoint(false, stopping).ConfigureAwait(false) >= _policy.HoldWritesAboveFrames)
                {
                    await _checkpoint(true, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Failed(exception);
            }
        }
    }
}
