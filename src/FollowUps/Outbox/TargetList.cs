using System.Collections;

namespace FollowUps.Outbox;

/// <summary>
/// A follow-up's do-not-contact targets: filled once where they are found (<see cref="Add"/>, before anybody else holds
/// the list), read-only after. A <see cref="FollowUpRecord"/> given one keeps it as it is rather than copying it, so the
/// follow-ups of one call, and every version of each, share one: one list and its array, which the outbox keeps for
/// every follow-up it holds.
/// </summary>
internal sealed class TargetList : IReadOnlyList<SuppressionTarget>
{
    private SuppressionTarget[] _targets;

    /// <summary>An empty list, to be filled with <see cref="Add"/>.</summary>
    public TargetList() => _targets = [];

    /// <summary>A list of <paramref name="targets"/>, an array nobody else holds.</summary>
    public TargetList(SuppressionTarget[] targets) => (_targets, Count) = (targets, targets.Length);

    public int Count { get; private set; }

    public SuppressionTarget this[int index] =>
        (uint)index < (uint)Count ? _targets[index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Count} targets.");

    /// <summary>Adds <paramref name="target"/>: only while the list is being built, before it is handed to anybody.</summary>
    public void Add(SuppressionTarget target)
    {
        if (Count == _targets.Length)
        {
            Array.Resize(ref _targets, Math.Max(4, Count * 2));
        }

        _targets[Count++] = target;
    }

    public IEnumerator<SuppressionTarget> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _targets[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
