using System.Diagnostics;

namespace FollowUps.Samples.Load;

/// <summary>
/// Percentiles of a set of durations, exact: the values sorted, each percentile the nearest rank. A run keeps every
/// call's timestamps anyway (three longs a call), so a sorted copy costs less than a histogram's set-up and rounding.
/// </summary>
internal sealed record LatencySummary
{
    public required int Count { get; init; }

    public required TimeSpan P50 { get; init; }

    public required TimeSpan P95 { get; init; }

    public required TimeSpan P99 { get; init; }

    public required TimeSpan Max { get; init; }

    /// <summary>The summary of <paramref name="ticks"/> (<see cref="Stopwatch"/> ticks); sorts the array in place.</summary>
    public static LatencySummary Of(long[] ticks)
    {
        Array.Sort(ticks);
        return new()
        {
            Count = ticks.Length,
            P50 = Percentile(ticks, 0.50),
            P95 = Percentile(ticks, 0.95),
            P99 = Percentile(ticks, 0.99),
            Max = ticks.Length == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, ticks[^1]),
        };
    }

    private static TimeSpan Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)]);
}
