using Microsoft.Extensions.Options;

namespace FollowUps.Accounts;

/// <summary>The single-account setup: every account has the registered <see cref="FollowUpOptions"/> (validated at start-up).</summary>
/// <param name="options">The registered settings.</param>
internal sealed class OptionsAccounts(IOptions<FollowUpOptions> options) : IFollowUpAccounts
{
    public ValueTask<FollowUpAccount?> FindAsync(string accountId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<FollowUpAccount?>(new FollowUpAccount { Id = accountId, Settings = options.Value });
}
