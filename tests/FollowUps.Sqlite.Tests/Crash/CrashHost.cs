using System.Diagnostics;
using System.Text;

namespace FollowUps.Sqlite.Tests.Crash;

/// <summary>
/// Runs tests/FollowUps.CrashHost as a real child process (<c>dotnet FollowUps.CrashHost.dll DB PROVIDER MODE CONTACT SYNCHRONOUS</c>)
/// and kills it (SIGKILL on Linux) at its named point. Every wait is bounded: a child that never reaches its point, or
/// exits by itself, fails the test with what it printed.
/// </summary>
internal static class CrashHost
{
    public const string AfterClaim = "after-claim", AfterStart = "after-start", AfterRequest = "after-request", EmailAfterRequest = "email-after-request";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly Lazy<string> Dll = new(FindDll);

    /// <summary>
    /// Starts the child, waits until <paramref name="namedPoint"/> completes (when not given: until it prints <c>CLAIMED</c>),
    /// then kills it and waits for it to end. The child's store commits with <paramref name="synchronous"/>, as the child
    /// says it does before its named point.
    /// </summary>
    public static async Task RunAndKillAsync(string file, Uri provider, string mode, string contactId, Task? namedPoint = null, SqliteSynchronous synchronous = SqliteSynchronous.Full)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Dll.Value, file, provider.ToString(), mode, contactId, synchronous == SqliteSynchronous.Normal ? "normal" : "full"])
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var claimed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var child = new Process { StartInfo = start, EnableRaisingEvents = true };
        child.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data == "CLAIMED")
            {
                claimed.TrySetResult();
            }
        };
        child.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };

        child.Start();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var point = namedPoint ?? claimed.Task;
        var first = await Task.WhenAny(point, child.WaitForExitAsync(), Task.Delay(Patience));
        var reached = first == point && !child.HasExited;
        child.Kill(entireProcessTree: true);
        using (var wait = new CancellationTokenSource(Patience))
        {
            await child.WaitForExitAsync(wait.Token);
        }

        string printed;
        lock (output)
        {
            printed = output.ToString();
        }

        if (reached && !printed.Contains($"SYNCHRONOUS {synchronous}\n", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The child ({mode}, {contactId}) did not say its store commits with {synchronous}. It printed:\n{printed}");
        }

        if (!reached)
        {
            throw new InvalidOperationException($"The child ({mode}, {contactId}) did not reach its named point within {Patience.TotalSeconds} s or exited by itself (exit code {child.ExitCode}). It printed:\n{printed}");
        }
    }

    /// <summary>
    /// FollowUps.CrashHost.dll, built by the ProjectReference in this project's file: in tests/FollowUps.CrashHost under
    /// the same bin/CONFIGURATION/TFM path as this assembly.
    /// </summary>
    private static string FindDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        for (var project = here; project?.Parent is { } tests; project = tests)
        {
            var host = Path.Combine(tests.FullName, "FollowUps.CrashHost");
            if (File.Exists(Path.Combine(host, "FollowUps.CrashHost.csproj")))
            {
                var dll = Path.Combine(host, Path.GetRelativePath(project.FullName, here.FullName), "FollowUps.CrashHost.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"FollowUps.CrashHost is not built at {dll}; build FollowUps.sln first.", dll);
            }
        }

        throw new DirectoryNotFoundException($"No tests/FollowUps.CrashHost above {here.FullName}.");
    }
}
