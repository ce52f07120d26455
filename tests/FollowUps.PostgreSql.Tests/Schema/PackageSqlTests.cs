using System.Diagnostics;
using System.IO.Compression;

namespace FollowUps.PostgreSql.Tests.Schema;

/// <summary>The schema's SQL is in the NuGet package (sql/), for hosts that run their own migrations: the same text the store runs.</summary>
public sealed class PackageSqlTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("followups-pack-").FullName;

    [Fact]
    public async Task Pack_PutsEveryStepOfTheSchemaInSql_AsTheStoreRunsIt()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "FollowUps.PostgreSql", "FollowUps.PostgreSql.csproj");
        var configuration = typeof(PackageSqlTests).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

        await PackAsync(project, configuration);

        var package = Directory.GetFiles(_output, "FollowUps.PostgreSql.*.nupkg").Should().ContainSingle().Which;
        using var zip = ZipFile.OpenRead(package);
        zip.Entries.Where(e => e.FullName.StartsWith("sql/", StringComparison.Ordinal)).Select(e => e.FullName).Should().Equal(Storage.Schema.Steps.Select(step => $"sql/{step}"));
        foreach (var step in Storage.Schema.Steps)
        {
            using var reader = new StreamReader(zip.GetEntry($"sql/{step}")!.Open());
            (await reader.ReadToEndAsync()).Should().Be(Storage.Schema.Sql(step));
        }
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    /// <summary><c>dotnet pack</c> of the project as the test run built it (no build: its output is there already).</summary>
    private async Task PackAsync(string project, string configuration)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "pack", project, "-c", configuration, "--no-build", "--nologo", "-o", _output })
        {
            start.ArgumentList.Add(argument);
        }

        using var pack = Process.Start(start)!;
        var output = pack.StandardOutput.ReadToEndAsync();
        var errors = pack.StandardError.ReadToEndAsync();
        await pack.WaitForExitAsync();
        pack.ExitCode.Should().Be(0, $"dotnet pack says:\n{await output}\n{await errors}");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FollowUps.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No FollowUps.sln above {AppContext.BaseDirectory}.");
    }
}
