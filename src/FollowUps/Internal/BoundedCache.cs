using System.Collections.Concurrent;

namespace FollowUps.Internal;

/// <summary>
/// Remembers what a pure function gave for a key, up to <c>capacity</c> keys; when full it starts over, so memory stays
/// bounded whatever the host hands in. Meant for campaign texts, which repeat from call to call. Thread-safe.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, Func<TKey, TValue> compute)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();

    public int Count => _values.Count;

    public TValue Get(TKey key)
    {
        if (_values.TryGetValue(key, out var value))
        {
            return value;
        }

        if (_values.Count >= capacity)
        {
            _values.Clear();
        }

        return _values.GetOrAdd(key, compute);
    }
}
