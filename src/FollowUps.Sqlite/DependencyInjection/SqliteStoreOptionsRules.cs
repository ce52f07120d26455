namespace FollowUps.Sqlite.DependencyInjection;

/// <summary>What makes <see cref="SqliteStoreOptions"/> valid, for the start-up validator and the store's constructor alike. Pure.</summary>
internal static class SqliteStoreOptionsRules
{
    public static List<string> Problems(SqliteStoreOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Add("SqliteStoreOptions.Path is required: the database file, such as followups.db.");
        }
        else if (options.Path.Trim() == ":memory:" || options.Path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"SqliteStoreOptions.Path '{options.Path}' is an in-memory database, which forgets the outbox when the process ends: name a file.");
        }
        else if (options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0 || options.Path.Contains(';', StringComparison.Ordinal) || options.Path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"SqliteStoreOptions.Path '{options.Path}' must be a plain file path, not a URI or a connection string.");
        }

        if (options.BusyTimeout < TimeSpan.FromMilliseconds(1) || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            problems.Add($"SqliteStoreOptions.BusyTimeout must be at least 1 millisecond and at most 1 hour (it is {options.BusyTimeout}).");
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            problems.Add($"SqliteStoreOptions.Synchronous must be Full or Normal (it is {options.Synchronous}).");
        }

        return problems;
    }
}
