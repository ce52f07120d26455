using System.Diagnostics;
using System.Globalization;

namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>
/// Runs PostgreSQL's programs for <see cref="PostgresCluster"/>: as the postgres user through <c>runuser</c> when
/// the tests run as root (initdb and pg_ctl refuse root), in folders that user owns; and stops and deletes the
/// clusters of test runs that died before disposing theirs.
/// </summary>
internal static class PostgresProcesses
{
    private const string OwnerFile = "owner.pid";

    private static string Root => Path.Combine(Path.GetTempPath(), $"followups-postgres-{Environment.UserName}");

    /// <summary>A fresh folder for one cluster, owned by the user the server runs as, with this process's id in it.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (Environment.IsPrivilegedProcess)
        {
            using var chown = Process.Start("chown", ["-R", "postgres:", folder]);
            chown.WaitForExit();
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"chown -R postgres: {folder} failed: is there a postgres user (the postgresql package makes it)?");
            }
        }

        return folder;
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="folder"/> and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.IsPrivilegedProcess ? "runuser" : program,
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Environment.IsPrivilegedProcess ? ["-u", "postgres", "--", program, .. arguments] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output) + (await error));
    }

    /// <summary>
    /// Starts a watchdog, detached from this process (<c>setsid -f</c>), that stops <paramref name="cluster"/> at once
    /// and deletes its folder when this process has exited, however it ended.
    /// </summary>
    public static void StopWhenThisProcessExits(PostgresCluster cluster)
    {
        const string Watchdog = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 0.5; done
            cd "$3"
            if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$2/pg_ctl" stop -m immediate -D "$3/data"; else "$2/pg_ctl" stop -m immediate -D "$3/data"; fi
            cd / && rm -rf "$3"
            """;
        using var watchdog = Process.Start(
            "setsid", ["-f", "bash", "-c", Watchdog, "followups-postgres-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cluster.Bin, cluster.Folder]);
    }

    /// <summary>Stops (immediately) and deletes every cluster whose owning test process no longer runs.</summary>
    public static async Task ReapOrphansAsync(string bin, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(Root))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), CultureInfo.InvariantCulture, out var pid) || IsRunning(pid))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-w", "-D", data, "-m", "immediate"], folder, cancellationToken);
            }

            Delete(folder);
        }
    }

    /// <summary>Deletes <paramref name="folder"/>; one another run is deleting at the same time is left to it.</summary>
    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already, or being deleted by a parallel reaper; the OS cleans the temp folder in the end.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
