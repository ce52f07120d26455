using System.Diagnostics;
using System.Text;
using FollowUps.PostgreSql.Tests.Processes.Children;

namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>
/// One child process: this test assembly run as <c>dotnet FollowUps.PostgreSql.Tests.dll MODE …</c> (see
/// <see cref="ChildProgram"/>), its output kept line by line. Every wait is bounded by <see cref="Patience"/>, and a
/// child that does not do what is waited for fails the test with what it printed. Disposing kills a child still running.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    public const string ReadyLine = "READY", GoLine = "go", StopLine = "stop", DoneLine = "DONE";

    /// <summary>How long any one wait for a child may take: generous, for two cores shared with other test runs.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The child's name, as it sends it to the provider.</summary>
    public string Name { get; }

    /// <summary>What it printed on standard output so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts a child as <paramref name="name"/> with <paramref name="arguments"/> after the assembly's path.</summary>
    public static ChildProcess Start(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildProgram).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var child = new ChildProcess(name, new Process { StartInfo = start, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (child._lines)
                {
                    child._lines.Add(e.Data);
                }
            }
        };
        child._process.ErrorDataReceived += (_, e) =>
        {
            lock (child._errors)
            {
                child._errors.AppendLine(e.Data);
            }
        };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Writes <paramref name="line"/> to the child's standard input.</summary>
    public async Task TellAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits until the child printed a line <paramref name="line"/>; fails when it exits first or takes too long.</summary>
    public Task WaitForLineAsync(string line) => Eventually.HoldsAsync(
        () => Lines.Contains(line) || (_process.HasExited ? throw new InvalidOperationException($"{Describe()} exited before printing {line}.") : false),
        $"{Name} prints {line}",
        Patience);

    /// <summary>Waits until the child ends by itself and returns its standard output; fails unless it exited 0.</summary>
    public async Task<IReadOnlyList<string>> WaitForExitAsync()
    {
        using (var wait = new CancellationTokenSource(Patience))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Describe()} did not exit within {Patience.TotalSeconds} s.");
            }
        }

        await _process.WaitForExitAsync(); // Also waits for the end of its output.
        _process.ExitCode.Should().Be(0, Describe());
        return Lines;
    }

    /// <summary>Kills the child at once (SIGKILL on Linux) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var wait = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(wait.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private string Describe()
    {
        string errors;
        lock (_errors)
        {
            errors = _errors.ToString();
        }

        var lines = Lines;
        return $"Child {Name} (exit code {(_process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none yet")}) printed {lines.Count} lines, the last: {string.Join(" | ", lines.TakeLast(5))}; on standard error:\n{errors}";
    }
}
