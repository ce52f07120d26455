namespace FollowUps;

/// <summary>What the store keeps of each follow-up.</summary>
public sealed partial class InMemoryFollowUpStore
{
    /// <summary>
    /// One follow-up, a value in the store's table (read and changed under <c>_leasing</c>, in place): its record and its
    /// history, kept as rows of the entry itself (the first three; a list for more) rather than an object per entry. What
    /// an engine's follow-ups keep for ever is what the garbage collector copies as they age, so it is kept small.
    /// </summary>
    private struct Kept(FollowUpRecord record)
    {
        private Row _claimed, _started, _ended; // A sent follow-up's three entries, kept in the entry itself.
        private List<Row>? _later; // Retries, reports.
        private int _count;

        public FollowUpRecord Record { get; set; } = record;

        /// <summary>Records that the follow-up became <paramref name="record"/> at <paramref name="at"/>. Under <c>_leasing</c>.</summary>
        public void Append(DateTimeOffset at, FollowUpRecord record) => Append(new Row(at.UtcTicks, record.State, record.Attempts, record.Outcome, Delivery: null));

        /// <summary>Records <paramref name="entry"/> (a delivery report). Under <c>_leasing</c>.</summary>
        public void Append(FollowUpHistoryEntry entry) => Append(new Row(entry.At.UtcTicks, entry.State, entry.Attempt, entry.Outcome, entry.Delivery));

        /// <summary>The history, oldest first. Under <c>_leasing</c>.</summary>
        public readonly FollowUpHistoryEntry[] History()
        {
            var entries = new FollowUpHistoryEntry[_count];
            for (var i = 0; i < _count; i++)
            {
                var row = i switch { 0 => _claimed, 1 => _started, 2 => _ended, _ => _later![i - 3] };
                entries[i] = new() { At = new DateTimeOffset(row.At, TimeSpan.Zero), State = row.State, Attempt = row.Attempt, Outcome = row.Outcome, Delivery = row.Delivery };
            }

            return entries;
        }

        private void Append(Row row)
        {
            switch (_count++)
            {
                case 0:
                    _claimed = row;
                    break;
                case 1:
                    _started = row;
                    break;
                case 2:
                    _ended = row;
                    break;
                default:
                    (_later ??= []).Add(row);
                    break;
            }
        }

        /// <summary>One history entry; its time in UTC ticks (read back in UTC, the same instant), as the record keeps its own.</summary>
        private readonly record struct Row(long At, FollowUpState State, int Attempt, FollowUpOutcome? Outcome, DeliveryReport? Delivery);
    }
}
