namespace FollowUps.Sqlite;

/// <summary>
/// Where the SQLite store keeps its file, how long it waits for another connection's lock and how long each commit waits
/// for the disk. Validated when the host
/// starts. Not thread-safe while being configured; the store reads it once, when it is created.
/// </summary>
public sealed class SqliteStoreOptions
{
    /// <summary>
    /// The database file, such as <c>followups.db</c> or <c>/var/lib/acme/followups.db</c>. A relative path is resolved
    /// against the process's current directory when the store is created, and the full path is logged. Its folder is
    /// created when missing. Required; an in-memory database (<c>:memory:</c>) is refused, since it is not durable.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// How long an operation waits for another connection (another engine or process on the file) to release its write
    /// lock before it fails with an <see cref="IOException"/>, which the engine reports as the store being unavailable.
    /// Default 5 seconds; at least 1 millisecond and at most 1 hour.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What a commit waits for, and so what a committed follow-up survives: <see cref="SqliteSynchronous.Full"/> (the
    /// default) survives a power loss or an operating-system crash; <see cref="SqliteSynchronous.Normal"/> survives the
    /// process being killed, but the last commits before a power loss or an operating-system crash may be lost (a
    /// follow-up could then be sent twice), for commits several times cheaper. A defined <see cref="SqliteSynchronous"/>.
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;
}
