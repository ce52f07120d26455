namespace FollowUps.Dispatch;

/// <summary>
/// The senders the dispatcher leaves alone for a while: an account whose credentials its provider refused is not sent to
/// until the cool-down the sender named ends, so its due follow-ups wait unleased (spending no attempt) and the batch goes
/// to other accounts. Per host, in memory: a restarted host learns again at the first refusal. Thread-safe.
/// </summary>
internal sealed class SenderRests
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SenderChannel, DateTimeOffset> _until = [];

    /// <summary>Rests <paramref name="channel"/> until <paramref name="until"/> (a later end extends it; an earlier one is ignored).</summary>
    public void Rest(SenderChannel channel, DateTimeOffset until)
    {
        lock (_lock)
        {
            if (!_until.TryGetValue(channel, out var current) || current < until)
            {
                _until[channel] = until;
            }
        }
    }

    /// <summary>Whether <paramref name="channel"/> rests at <paramref name="now"/>.</summary>
    public bool IsResting(SenderChannel channel, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _until.TryGetValue(channel, out var until) && until > now;
        }
    }

    /// <summary>The channels resting at <paramref name="now"/>; those whose rest ended are forgotten.</summary>
    public IReadOnlyList<SenderChannel> Resting(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_until.Count == 0)
            {
                return [];
            }

            foreach (var ended in _until.Where(rest => rest.Value <= now).Select(rest => rest.Key).ToList())
            {
                _until.Remove(ended);
            }

            return [.. _until.Keys];
        }
    }
}
