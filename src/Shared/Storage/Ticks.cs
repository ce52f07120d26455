namespace FollowUps.Storage;

/// <summary>
/// Times as stored: UTC ticks in an INTEGER column, so comparisons in SQL are exact and a round trip keeps every tick.
/// The offset is not kept: a time reads back in UTC, the same instant (<see cref="DateTimeOffset"/> equality compares instants).
/// </summary>
internal static class Ticks
{
    public static long Of(DateTimeOffset time) => time.UtcTicks;

    public static object Of(DateTimeOffset? time) => time is { } value ? value.UtcTicks : DBNull.Value;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
}
