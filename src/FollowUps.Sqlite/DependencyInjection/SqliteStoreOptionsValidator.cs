using Microsoft.Extensions.Options;

namespace FollowUps.Sqlite.DependencyInjection;

/// <summary>Checks the SQLite store's settings when the host starts, naming the setting that is wrong.</summary>
internal sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = SqliteStoreOptionsRules.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
