namespace FollowUps.Sqlite;

/// <summary>
/// How long each commit of the SQLite store waits for the disk: what a committed follow-up survives, against what a
/// commit costs. The file is in WAL mode either way; this is SQLite's <c>PRAGMA synchronous</c> on every connection the
/// store opens (see <see href="https://www.sqlite.org/pragma.html#pragma_synchronous"/>).
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// <c>synchronous=FULL</c>, the default: every commit waits until the write-ahead log is flushed to the disk (an
    /// fsync), so a committed claim or move survives the process being killed, an operating-system crash and a power
    /// loss. Each commit costs one fsync (from a fraction of a millisecond to several on an ordinary disk), and one
    /// answered call makes six commits.
    /// </summary>
    Full = 0,

    /// <summary>
    /// <c>synchronous=NORMAL</c>: a commit writes the write-ahead log without waiting for the disk; the log is flushed
    /// only when it is copied into the database (a checkpoint). A committed follow-up still survives the process being
    /// killed or crashing, and the file is never corrupted; but an operating-system crash or a power loss may undo the
    /// last commits before it. A claim undone that way is claimed and sent again by the next call of that contact or
    /// kind, so its message can reach the contact twice; a move undone may be retried or asked about again. Commits
    /// cost about a tenth as much, which is what lets one host keep up with a thousand calls a second.
    /// </summary>
    Normal = 1,
}
