using Npgsql;

namespace FollowUps.PostgreSql;

/// <summary>
/// How the PostgreSQL store reaches its database and treats its schema. Validated when the host starts. Not thread-safe
/// while being configured; the store reads it once, when it is created.
/// </summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>
    /// The Npgsql connection string, such as <c>Host=db;Database=calls;Username=followups;Password=…</c>. Required unless
    /// <see cref="DataSource"/> is set. Never logged (it may hold a password); its host and database are.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// A data source the host already has (its pooling, credentials and logging), used instead of
    /// <see cref="ConnectionString"/>. The store does not dispose it.
    /// </summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// The PostgreSQL schema that holds FollowUps' tables, created when missing. Default <c>followups</c>; a plain
    /// identifier (lower-case letters, digits, underscores; at most 63 bytes; not beginning with <c>pg_</c>, which
    /// PostgreSQL keeps for itself), so the store can qualify every table with it.
    /// </summary>
    public string Schema { get; set; } = "followups";

    /// <summary>
    /// Whether the store creates and upgrades its schema at start-up (the default), under a transaction-level advisory
    /// lock so hosts starting together take turns. When <see langword="false"/>, the host's own migrations run the SQL
    /// files the package ships in <c>sql/</c>, and the store only checks at start-up that the schema is one it can use.
    /// </summary>
    public bool ManageSchema { get; set; } = true;

    /// <summary>
    /// Whether leases and due times are measured on the database's clock (the default): every host then agrees on when a
    /// lease ends, whatever its own clock says. A time a host computes, such as "30 seconds from now", is stored as that
    /// long after the database's <c>now()</c>, and a dispatcher takes what is due by <c>now()</c>. When
    /// <see langword="false"/>, the times are stored as the hosts' clocks (their <see cref="TimeProvider"/>) give them:
    /// only for hosts whose clocks are kept in step, or for tests that move time by hand.
    /// </summary>
    public bool UseDatabaseClock { get; set; } = true;

    /// <summary>
    /// How many times an operation is tried again after a transient fault (a dropped connection, a server restarting or
    /// failing over, a deadlock), as Npgsql classifies it, with a short growing pause (50 ms, 100 ms, 200 ms, …) between
    /// tries. A timeout (the connection string's <c>Command Timeout</c> or <c>Timeout</c>, the server's
    /// <c>statement_timeout</c> or <c>lock_timeout</c>) is not tried again: it would only wait as long again. After the
    /// last try, the fault reaches the caller: the engine reports the store as unavailable for that call, and the
    /// dispatcher backs off. Default 3; from 0 to 10.
    /// </summary>
    public int TransientRetries { get; set; } = 3;
}
