namespace FollowUps.Sqlite.Storage;

/// <summary>
/// When the store's <see cref="Checkpointer"/> copies the WAL back into the database file, and so how large the WAL
/// grows (see <see cref="Default"/>). Tests use smaller figures.
/// </summary>
/// <param name="CommitsPerCheckpoint">The writer's commits that wake the checkpointer for a <c>PASSIVE</c> checkpoint, run beside the writes.</param>
/// <param name="HoldWritesAboveFrames">
/// The WAL's frames (pages) at or above which, after that checkpoint, the checkpointer runs one more with the store's
/// writes held back, so that it copies every frame and the next write starts the WAL again from its beginning: a
/// checkpoint beside a stream of writes rarely catches up with the last frame, and the WAL is only reused once one has.
/// </param>
/// <param name="InlineAfterCommits">
/// The commits without a checkpoint at or after which the writer checkpoints itself after its commit: the safety net
/// for a checkpointer starved of a thread, which bounds the WAL whatever the load.
/// </param>
internal sealed record CheckpointPolicy(int CommitsPerCheckpoint, int HoldWritesAboveFrames, int InlineAfterCommits)
{
    /// <summary>
    /// A checkpoint every 50 commits (about 450 frames of claims and moves), the writes held back for one when the WAL
    /// has reached 8,000 frames (32 MB of 4 KB pages), and the writer's own after 500 commits without one: the WAL
    /// stays under about 34 MB (8,000 frames and the commits since the last checkpoint; a starved checkpointer leaves
    /// it to the writer after about 4,500). Each held-back
    /// checkpoint stops the writes for its copy of the last frames and its two fsyncs (about 2–4 ms here). In the load
    /// mode at 1,000 calls a second (docs/benchmarks.md), a hold at 2,000 frames came 22 times a second (5 % of the
    /// time); at 8,000, 6.5 times (2 %), and 5 times once each follow-up took two commits instead of three (the WAL
    /// then grows about 42 frames a call).
    /// </summary>
    public static CheckpointPolicy Default { get; } = new(50, 8_000, 500);
}
