namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>
/// Where the tests' shared PostgreSQL comes from, decided once per test run: the server named by
/// <c>FOLLOWUPS_POSTGRES</c>, else a throwaway cluster started from the installed binaries, else nothing, with a
/// <see cref="Problem"/> saying what to install or set. Exactly one of the three members is set.
/// </summary>
public sealed record PostgresServerSource
{
    /// <summary>The variable CI (<c>.ci/run</c>) sets to the connection string of the server it started.</summary>
    public const string Variable = "FOLLOWUPS_POSTGRES";

    /// <summary>The connection string from <see cref="Variable"/>.</summary>
    public string? ConnectionString { get; private init; }

    /// <summary>The folder of <c>initdb</c> and <c>pg_ctl</c> to start a throwaway cluster from.</summary>
    public string? BinDirectory { get; private init; }

    /// <summary>Why there is no server, and what to do about it.</summary>
    public string? Problem { get; private init; }

    /// <summary>Decides from the variable's value and the binaries found (<see cref="PostgresBinaries.Find"/>).</summary>
    public static PostgresServerSource Decide(string? variable, string? binDirectory) =>
        !string.IsNullOrWhiteSpace(variable) ? new() { ConnectionString = variable }
        : binDirectory is not null ? new() { BinDirectory = binDirectory }
        : new()
        {
            Problem =
                $"The PostgreSQL tests need a PostgreSQL 15 or newer server, and found none. Either set {Variable} to the " +
                "connection string of a server they may create schemas and databases on (for example " +
                "\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\"), or install PostgreSQL 15+ (Debian or " +
                "Ubuntu: apt-get install postgresql) so that they start a throwaway one from its binaries: initdb and pg_ctl " +
                $"were looked for in {PostgresBinaries.DebianRoot}/VERSION/bin and in the folder `pg_config --bindir` names.",
        };
}
