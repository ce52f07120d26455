using Microsoft.Extensions.Options;

namespace FollowUps.DependencyInjection;

/// <summary>Checks how long accounts are kept, naming the setting that is wrong.</summary>
internal sealed class FollowUpAccountsOptionsValidator : IValidateOptions<FollowUpAccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, FollowUpAccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CacheLifetime < TimeSpan.FromSeconds(1) || options.CacheLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"FollowUpAccountsOptions.CacheLifetime must be from 1 second to 1 day (it is {options.CacheLifetime}).");
        }

        if (options.StaleLifetime != TimeSpan.Zero && (options.StaleLifetime < options.CacheLifetime || options.StaleLifetime > TimeSpan.FromDays(1)))
        {
            failures.Add($"FollowUpAccountsOptions.StaleLifetime must be zero (off), or from CacheLifetime ({options.CacheLifetime}) to 1 day (it is {options.StaleLifetime}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
