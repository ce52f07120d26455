namespace FollowUps.Samples;

/// <summary>
/// A clock stopped at the moment the recorded calls ended, so a replay decides as it would have then: an appointment
/// booked for the week after the call is still in the future.
/// </summary>
internal sealed class ReplayClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
