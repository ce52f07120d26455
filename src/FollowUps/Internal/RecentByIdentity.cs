namespace FollowUps.Internal;

/// <summary>
/// A small table in front of a <see cref="BoundedCache{TKey,TValue}"/>: in each of its 64 slots, the key last asked for
/// and its value, found by the identity of the key's objects. A caller that passes the same objects call after call
/// (a campaign, its body text) gets its value without hashing or comparing their contents; any other key goes to the
/// cache. Thread-safe: each slot holds an immutable entry.
/// </summary>
/// <param name="cache">The cache behind the table.</param>
/// <param name="identityHash">A hash of the key's objects' identities (<see cref="System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(object)"/>).</param>
/// <param name="sameObjects">Whether two keys are made of the same objects; true only for keys the cache holds as equal.</param>
internal sealed class RecentByIdentity<TKey, TValue>(BoundedCache<TKey, TValue> cache, Func<TKey, int> identityHash, Func<TKey, TKey, bool> sameObjects)
    where TKey : notnull
{
    private const int Slots = 64;

    private readonly Entry?[] _recent = new Entry?[Slots];

    public TValue Get(TKey key)
    {
        var slot = identityHash(key) & (Slots - 1);
        if (Volatile.Read(ref _recent[slot]) is { } entry && sameObjects(entry.Key, key))
        {
            return entry.Value;
        }

        var value = cache.Get(key);
        Volatile.Write(ref _recent[slot], new Entry(key, value));
        return value;
    }

    private sealed record Entry(TKey Key, TValue Value);
}
