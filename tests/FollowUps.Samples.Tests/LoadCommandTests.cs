using System.Diagnostics;
using FollowUps.Samples.Load;
using Spectre.Console;

namespace FollowUps.Samples.Tests;

public sealed class LoadCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task CommandLine_Load50_ExitsZero_AndPrintsTheTables_OnAFreshDatabaseUnderTheOutboxFolder()
    {
        // The sample itself, as `dotnet run -- --load 50 <folder>` starts it: the referenced project's build is beside this one.
        var sample = Path.Combine(AppContext.BaseDirectory, "FollowUps.Samples.Console.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { sample, "--load", "50", _folder.Path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(0, $"it printed:\n{await output}\n{await errors}");
        (await output).Should().Contain("Load: 50 calls on SQLite").And.Contain("calls/s").And.Contain("p99").And.Contain("Engine (the rest)");
        File.Exists(Path.Combine(_folder.Path, "load", "followups.db")).Should().BeTrue();
        File.Exists(Path.Combine(_folder.Path, "followups.db")).Should().BeFalse("the replay's database is not the load run's");
    }

    [Theory]
    [InlineData("normal", "NORMAL")]
    [InlineData("full", "FULL")]
    public async Task RunAsync_SqliteSynchronous_ReachesTheStore_AndTheHeaderSaysWhich(string flag, string shown)
    {
        var printed = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(printed) });
        console.Profile.Width = 250; // the header on one line, however long the temp folder's path

        var exit = await LoadCommand.RunAsync(["--load", "20", "--sqlite-synchronous", flag, _folder.Path], console);

        exit.Should().Be(0, $"it printed:\n{printed}");
        var database = Path.Combine(_folder.Path, "load", "followups.db");
        printed.ToString().Should().Contain($"Load: 20 calls on SQLite ({database}, synchronous={shown})", "the header names the setting the store the engine ran on has");
    }

    [Theory]
    [InlineData("--load")]
    [InlineData("--load", "10", "--sqlite-synchronous", "off")]
    [InlineData("--load", "0")]
    [InlineData("--load", "10", "--rate", "fast")]
    [InlineData("--load", "10", "--store", "postgres")]
    [InlineData("--load", "2000000")]
    public async Task RunAsync_BadCommandLine_ExitsTwo_SayingHowToUseIt(params string[] args)
    {
        var printed = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(printed) });

        var exit = await LoadCommand.RunAsync([.. args, _folder.Path], console);

        exit.Should().Be(2);
        printed.ToString().Should().Contain("Usage: --load N");
    }
}
