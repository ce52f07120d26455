using Microsoft.Extensions.Logging;

namespace FollowUps.PostgreSql.Internal;

/// <summary>The PostgreSQL store's log messages. Event ids 450-499. Servers, schemas and versions only; never a recipient or a password.</summary>
internal static partial class Log
{
    [LoggerMessage(450, LogLevel.Information, "FollowUps keeps its outbox and do-not-contact list in PostgreSQL {Server}, schema {Schema} (schema version {Version}; {Clock})")]
    public static partial void Opened(ILogger logger, string server, string schema, int version, string clock);

    [LoggerMessage(451, LogLevel.Information, "Created the FollowUps schema version {Version} in PostgreSQL {Server}, schema {Schema}")]
    public static partial void Created(ILogger logger, string server, string schema, int version);

    [LoggerMessage(452, LogLevel.Information, "Upgraded the FollowUps schema in PostgreSQL {Server}, schema {Schema}, from version {From} to {To}")]
    public static partial void Upgraded(ILogger logger, string server, string schema, int from, int to);

    [LoggerMessage(453, LogLevel.Warning, "PostgreSQL {Server}, schema {Schema}, has FollowUps schema version {Version}, newer than this code's {Supported}; it declares code of version {MinimumReader} or later compatible, so it is used as it is")]
    public static partial void NewerCompatible(ILogger logger, string server, string schema, int version, int supported, int minimumReader);

    [LoggerMessage(454, LogLevel.Warning, "Could not {Operation} in PostgreSQL {Server} (try {Try} of {Tries}, a transient fault); trying again in {Delay}")]
    public static partial void Retrying(ILogger logger, Exception exception, string operation, string server, int @try, int tries, TimeSpan delay);
}
