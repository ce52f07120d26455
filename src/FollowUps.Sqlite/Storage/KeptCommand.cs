using Microsoft.Data.Sqlite;

namespace FollowUps.Sqlite.Storage;

/// <summary>
/// A command the store's writer connection keeps for its SQL text, so SQLite compiles that text once per connection
/// instead of at every execution (Microsoft.Data.Sqlite keeps a command's compiled statements until the command is
/// disposed, and finalizes them when its connection closes). Disposing it, as every caller does after one use, keeps
/// it; <see cref="Release"/> disposes it for good, before its connection closes. Not thread-safe: it is used only under
/// the writer's gate.
/// </summary>
internal sealed class KeptCommand(string sql, SqliteConnection connection) : SqliteCommand(sql, connection)
{
    private bool _released;

    /// <summary>Finalizes the compiled statements and detaches the command from its connection.</summary>
    public void Release()
    {
        _released = true;
        Dispose();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_released || !disposing)
        {
            base.Dispose(disposing);
        }
    }
}
