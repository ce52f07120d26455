namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>How <see cref="PostgresCluster.StopAsync"/> stops the server (<c>pg_ctl stop -m</c>).</summary>
public enum PostgresStopMode
{
    /// <summary>Sessions are ended and the server shuts down cleanly, as an orderly restart or failover does.</summary>
    Fast,

    /// <summary>Every process quits at once, like a crash: the next start recovers from the write-ahead log.</summary>
    Immediate,
}
