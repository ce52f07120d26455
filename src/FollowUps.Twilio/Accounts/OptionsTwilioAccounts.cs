using Microsoft.Extensions.Options;

namespace FollowUps.Twilio.Accounts;

/// <summary>The single-account case: every account sends with the one <see cref="TwilioSmsOptions"/>, read as they are now. Thread-safe.</summary>
internal sealed class OptionsTwilioAccounts(IOptionsMonitor<TwilioSmsOptions> options) : ITwilioAccounts
{
    public ValueTask<TwilioAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        return ValueTask.FromResult<TwilioAccount?>(new TwilioAccount
        {
            AccountSid = settings.AccountSid,
            PathAccountSid = settings.PathAccountSid,
            Region = settings.Region,
            Edge = settings.Edge,
            FromNumber = settings.FromNumber,
            MessagingServiceSid = settings.MessagingServiceSid,
            StatusCallbackUrl = settings.StatusCallbackUrl,
        });
    }
}
