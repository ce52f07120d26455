namespace FollowUps.Sqlite;

/// <summary>
/// Where the SQLite store keeps its file and how long it waits for another connection's lock. Validated when the host
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
}
