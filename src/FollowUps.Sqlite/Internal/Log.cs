using Microsoft.Extensions.Logging;

namespace FollowUps.Sqlite.Internal;

/// <summary>The SQLite store's log messages. Event ids 400-449. Files and versions only; never a recipient.</summary>
internal static partial class Log
{
    [LoggerMessage(400, LogLevel.Information, "FollowUps keeps its outbox and do-not-contact list in the SQLite file {Path} (schema version {Version}, WAL, synchronous={Synchronous})")]
    public static partial void Opened(ILogger logger, string path, int version, string synchronous);

    [LoggerMessage(401, LogLevel.Information, "Created the FollowUps schema version {Version} in the SQLite file {Path}")]
    public static partial void Created(ILogger logger, string path, int version);

    [LoggerMessage(402, LogLevel.Information, "Upgraded the FollowUps schema in the SQLite file {Path} from version {From} to {To}")]
    public static partial void Upgraded(ILogger logger, string path, int from, int to);

    [LoggerMessage(403, LogLevel.Warning, "The SQLite file {Path} has FollowUps schema version {Version}, newer than this code's {Supported}; it declares code of version {MinimumReader} or later compatible, so it is used as it is")]
    public static partial void NewerCompatible(ILogger logger, string path, int version, int supported, int minimumReader);

    [LoggerMessage(404, LogLevel.Warning, "A checkpoint of the SQLite file {Path}'s WAL failed; it is tried again after the next writes")]
    public static partial void CheckpointFailed(ILogger logger, string path, Exception exception);
}
