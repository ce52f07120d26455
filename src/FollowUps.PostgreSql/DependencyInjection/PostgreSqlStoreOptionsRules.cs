using System.Text.RegularExpressions;

namespace FollowUps.PostgreSql.DependencyInjection;

/// <summary>What makes <see cref="PostgreSqlStoreOptions"/> valid, for the start-up validator and the store's constructor alike. Pure.</summary>
internal static partial class PostgreSqlStoreOptionsRules
{
    public static List<string> Problems(PostgreSqlStoreOptions options)
    {
        var problems = new List<string>();
        if (options.DataSource is null && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add("PostgreSqlStoreOptions.ConnectionString is required (or set PostgreSqlStoreOptions.DataSource): the database, such as Host=db;Database=calls;Username=followups.");
        }

        if (options.Schema is null || !PlainIdentifier().IsMatch(options.Schema) || System.Text.Encoding.UTF8.GetByteCount(options.Schema) > 63)
        {
            problems.Add($"PostgreSqlStoreOptions.Schema '{options.Schema}' must be a plain identifier: a letter or underscore, then letters, digits or underscores, at most 63 bytes, such as followups.");
        }
        else if (options.Schema.StartsWith("pg_", StringComparison.Ordinal))
        {
            problems.Add($"PostgreSqlStoreOptions.Schema '{options.Schema}' must not begin with pg_, which PostgreSQL keeps for its own schemas: name another, such as followups.");
        }

        if (options.TransientRetries is < 0 or > 10)
        {
            problems.Add($"PostgreSqlStoreOptions.TransientRetries must be from 0 to 10 (it is {options.TransientRetries}).");
        }

        return problems;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex PlainIdentifier();
}
