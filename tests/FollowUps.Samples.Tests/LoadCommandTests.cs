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
    [InlineData("--load")]
    [InlineData("--load", "0")]
    [InlineData("--load", "10", "--rate", "fast")]
    [InlineData("--load", "10", "--store", "postgres")]
    public async Task RunAsync_BadCommandLine_ExitsTwo_SayingHowToUseIt(params string[] args)
    {
        var printed = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(printed) });

        var exit = await LoadCommand.RunAsync([.. args, _folder.Path], console);

        exit.Should().Be(2);
        printed.ToString().Should().Contain("Usage: --load N");
    }
}
