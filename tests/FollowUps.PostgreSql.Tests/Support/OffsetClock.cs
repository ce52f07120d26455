namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>The system's clock moved by <paramref name="offset"/>: a host whose clock is wrong. Real time passes on it, so the database's clock and it move together.</summary>
/// <param name="offset">How far ahead (or, negative, behind) the host's clock is.</param>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
