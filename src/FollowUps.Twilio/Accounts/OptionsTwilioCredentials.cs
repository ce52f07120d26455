using Microsoft.Extensions.Options;

namespace FollowUps.Twilio.Accounts;

/// <summary>The single-account case: every account authenticates with the secrets in <see cref="TwilioSmsOptions"/>. Thread-safe.</summary>
internal sealed class OptionsTwilioCredentials(IOptionsMonitor<TwilioSmsOptions> options) : ITwilioCredentials
{
    public ValueTask<TwilioCredentials?> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        return ValueTask.FromResult<TwilioCredentials?>(new TwilioCredentials
        {
            AuthToken = settings.AuthToken,
            PreviousAuthToken = settings.PreviousAuthToken,
            ApiKeySid = settings.ApiKeySid,
            ApiKeySecret = settings.ApiKeySecret,
        });
    }
}
