using Microsoft.Extensions.Options;

namespace FollowUps.PostgreSql.DependencyInjection;

/// <summary>Checks the PostgreSQL store's settings when the host starts, naming the setting that is wrong.</summary>
internal sealed class PostgreSqlStoreOptionsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = PostgreSqlStoreOptionsRules.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
