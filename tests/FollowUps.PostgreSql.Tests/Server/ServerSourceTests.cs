using System.Runtime.Versioning;
using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Server;

/// <summary>Where the shared server comes from: the variable, else the installed binaries, else a failure that says what to do.</summary>
[UnsupportedOSPlatform("windows")] // file modes; the PostgreSQL tests run where CI does
public sealed class ServerSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("followups-pg-binaries-").FullName;

    [Fact]
    public async Task Open_NoVariableAndNoBinaries_FailsSayingWhatToInstallOrSet()
    {
        var source = PostgresServerSource.Decide(variable: null, PostgresBinaries.Find(_root, askPgConfig: false));

        var act = () => PostgresServer.OpenAsync(source);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage(
            "The PostgreSQL tests need a PostgreSQL 15 or newer server, and found none. Either set FOLLOWUPS_POSTGRES to*" +
            "or install PostgreSQL 15+ (Debian or Ubuntu: apt-get install postgresql)*initdb and pg_ctl were looked for in*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Decide_BlankVariableAndNoBinaries_IsMissing(string variable) =>
        PostgresServerSource.Decide(variable, binDirectory: null).Problem.Should().Contain("FOLLOWUPS_POSTGRES");

    [Fact]
    public async Task Open_VariableSet_UsesItEvenWithBinariesInstalled()
    {
        var source = PostgresServerSource.Decide("Host=db.example;Port=6543", "/usr/lib/postgresql/15/bin");

        (await PostgresServer.OpenAsync(source)).Should().Be("Host=db.example;Port=6543");
    }

    [Fact]
    public void Find_SeveralVersions_TakesTheNewestThatHoldsInitdbAndPgCtl()
    {
        Install("9.6", "initdb", "pg_ctl");
        Install("15", "initdb", "pg_ctl");
        Install("16", "initdb");
        Install("latest", "initdb", "pg_ctl");

        PostgresBinaries.Find(_root, askPgConfig: false).Should().Be(Path.Combine(_root, "15", "bin"));
    }

    [Fact]
    public void Find_ProgramsNotExecutable_FindsNothing()
    {
        Install("15", "initdb", "pg_ctl");
        foreach (var program in Directory.GetFiles(Path.Combine(_root, "15", "bin")))
        {
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        PostgresBinaries.Find(_root, askPgConfig: false).Should().BeNull();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Install(string version, params string[] programs)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root, version, "bin")).FullName;
        foreach (var program in programs)
        {
            File.WriteAllText(Path.Combine(bin, program), "#!/bin/sh\n");
            File.SetUnixFileMode(Path.Combine(bin, program), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
