using Microsoft.Data.Sqlite;

namespace FollowUps.Samples.Tests;

/// <summary>A folder of its own under the temp folder, deleted (with its SQLite files, their pooled connections closed) at dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("followups-load-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
