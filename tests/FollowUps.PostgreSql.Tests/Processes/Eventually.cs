using System.Diagnostics;

namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>Waits for a condition by looking again every 50 ms, up to a generous limit: never a sleep that asserts.</summary>
internal static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when it does not within <paramref name="patience"/>.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan patience) =>
        await HoldsAsync(() => Task.FromResult(condition()), what, patience);

    /// <inheritdoc cref="HoldsAsync(Func{bool}, string, TimeSpan)"/>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > patience)
            {
                throw new TimeoutException($"Waited {patience.TotalSeconds} s for: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
