using System.Diagnostics;

namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>Finds the folder holding PostgreSQL's <c>initdb</c> and <c>pg_ctl</c>, as <c>.ci/run</c> does.</summary>
public static class PostgresBinaries
{
    /// <summary>Where Debian and Ubuntu install each major version: <c>/usr/lib/postgresql/15/bin</c>.</summary>
    public const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>
    /// The newest <c><paramref name="root"/>/VERSION/bin</c> holding both programs, else <c>pg_config --bindir</c> when
    /// <paramref name="askPgConfig"/> and it holds them, else null.
    /// </summary>
    public static string? Find(string root = DebianRoot, bool askPgConfig = true)
    {
        var versions = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(folder => (Folder: folder, Version: MajorVersion(folder))).Where(v => v.Version is not null)
            : [];
        foreach (var (folder, _) in versions.OrderByDescending(v => v.Version))
        {
            var bin = Path.Combine(folder, "bin");
            if (HasPrograms(bin))
            {
                return bin;
            }
        }

        var pgConfig = askPgConfig ? PgConfigBinDirectory() : null;
        return pgConfig is not null && HasPrograms(pgConfig) ? pgConfig : null;
    }

    private static Version? MajorVersion(string folder) =>
        Version.TryParse(Path.GetFileName(folder), out var version) ? version
        : int.TryParse(Path.GetFileName(folder), out var major) ? new Version(major, 0)
        : null;

    private static bool HasPrograms(string bin) => IsExecutable(Path.Combine(bin, "initdb")) && IsExecutable(Path.Combine(bin, "pg_ctl"));

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0);

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}
