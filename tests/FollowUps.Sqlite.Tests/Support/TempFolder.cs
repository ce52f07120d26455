using Microsoft.Data.Sqlite;

namespace FollowUps.Sqlite.Tests.Support;

/// <summary>A fresh folder under the system's temp folder for real database files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "followups-sqlite-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A path for a database file in the folder.</summary>
    public string File(string name = "followups.db") => System.IO.Path.Combine(Path, name);

    /// <summary>A store on <paramref name="file"/> (the folder's default file when not given), its history stamped by <paramref name="time"/>.</summary>
    public SqliteFollowUpStore Store(string? file = null, TimeSpan? busyTimeout = null, TimeProvider? time = null) =>
        new(new SqliteStoreOptions { Path = file ?? File(), BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(5) }, timeProvider: time);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the file on some systems; the temp folder is cleaned by the OS.
        }
    }
}
