using Polly.Contrib.WaitAndRetry;

namespace FollowUps.Outbox;

/// <summary>
/// How long a follow-up waits after its <c>n</c>-th failed send: Polly's decorrelated jitter (exponential growth, spread
/// out), capped at <see cref="FollowUpDeliveryOptions.RetryMaxDelay"/>. A pure function of the stored attempt count and
/// the key (its jitter seed), so no worker keeps retry state in memory and follow-ups that failed together do not
/// retry together. Thread-safe.
/// </summary>
internal static class RetryDelay
{
    /// <summary>The wait after <paramref name="attempts"/> sends (none started counts as the first).</summary>
    public static TimeSpan After(int attempts, FollowUpKey key, FollowUpDeliveryOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempts);
        var delay = Backoff.DecorrelatedJitterBackoffV2(options.RetryBaseDelay, Math.Max(attempts, 1), Seed(key)).Last();
        return delay < options.RetryMaxDelay ? delay : options.RetryMaxDelay;
    }

    /// <summary>A seed that is the same in every process and run (string.GetHashCode is not): FNV-1a over the key.</summary>
    private static int Seed(FollowUpKey key)
    {
        var hash = 2166136261u;
        foreach (var c in key.ToString())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
