namespace FollowUps;

/// <summary>What the store keeps of each follow-up.</summary>
public sealed partial class InMemoryFollowUpStore
{
    /// <summary>
    /// One follow-up: its record (read without the lock, replaced under <c>_leasing</c>) and its history, kept as rows of
    /// one array rather than an object per entry. What an engine's follow-ups keep for ever is what the garbage collector
    /// copies as they age, so it is kept small.
    /// </summary>
    private sealed class Kept(FollowUpRecord record)
    {
        private volatile FollowUpRecord _record = record;
        private Row[] _history = new Row[3]; // A sent follow-up's claim, start and end.
        private int _count;

        public FollowUpRecord Record
        {
            get => _record;
            set => _record = value;
        }

        /// <summary>Records that the follow-up became <paramref name="record"/> at <paramref name="at"/>. Under <c>_leasing</c>.</summary>
        public void Append(DateTimeOffset at, FollowUpRecord record) => Append(new Row(at, record.State, record.Attempts, record.Outcome, Delivery: null));

        /// <summary>Records <paramref name="entry"/> (a delivery report). Under <c>_leasing</c>.</summary>
        public void Append(FollowUpHistoryEntry entry) => Append(new Row(entry.At, entry.State, entry.Attempt, entry.Outcome, entry.Delivery));

        /// <summary>The history, oldest first. Under <c>_leasing</c>.</summary>
        public FollowUpHistoryEntry[] History()
        {
            var entries = new FollowUpHistoryEntry[_count];
            for (var i = 0; i < _count; i++)
            {
                var row = _history[i];
                entries[i] = new() { At = row.At, State = row.State, Attempt = row.Attempt, Outcome = row.Outcome, Delivery = row.Delivery };
            }

            return entries;
        }

        private void Append(Row row)
        {
            if (_count == _history.Length)
            {
                Array.Resize(ref _history, _count * 2);
            }

            _history[_count++] = row;
        }

        private readonly record struct Row(DateTimeOffset At, FollowUpState State, int Attempt, FollowUpOutcome? Outcome, DeliveryReport? Delivery);
    }
}
