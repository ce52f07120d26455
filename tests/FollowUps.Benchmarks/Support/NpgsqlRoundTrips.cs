using System.Diagnostics;

namespace FollowUps.Benchmarks.Support;

/// <summary>
/// Counts round trips to PostgreSQL while it lives: Npgsql starts one activity on its <c>Npgsql</c> activity source for
/// each command or batch it executes, and each execution is one round trip (Npgsql writes a command's or a batch's
/// messages and one Sync, then waits for the answer; the reset of a pooled connection rides with the next command).
/// Listening makes Npgsql build activities, so count outside the timed runs. Thread-safe.
/// </summary>
internal sealed class NpgsqlRoundTrips : IDisposable
{
    private readonly ActivityListener _listener;
    private long _count;

    public NpgsqlRoundTrips()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Client && activity.GetTagItem("db.query.text") is not null)
                {
                    Interlocked.Increment(ref _count);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The round trips counted so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
