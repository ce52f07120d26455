using FollowUps.DependencyInjection;
using FollowUps.Twilio.Accounts;
using Microsoft.Extensions.Options;

namespace FollowUps.Twilio.DependencyInjection;

/// <summary>
/// Checks the Twilio settings at start-up, naming the setting that is wrong by the path it was bound from and never
/// showing a secret.
/// </summary>
/// <param name="path">Where the options were bound from; <c>FollowUps:Twilio</c> when not given.</param>
/// <param name="accounts">
/// Registered by <c>AddTwilioSms&lt;TAccounts, TCredentials&gt;</c>: each account's SID, sender and credentials come from the host's ports and are
/// checked when read, so only the shared settings (timeouts, validity period, webhook base) are checked here.
/// </param>
internal sealed class TwilioSmsOptionsValidator(OptionsPath<TwilioSmsOptions>? path = null, TwilioAccountsChosen? accounts = null) : IValidateOptions<TwilioSmsOptions>
{
    private readonly string _prefix = (path ?? new OptionsPath<TwilioSmsOptions>("FollowUps:Twilio")).Prefix;

    /// <summary>The longest an <see cref="HttpClient"/> timeout can be.</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(24);

    /// <summary>The longest validity period Twilio accepts: 36,000 seconds.</summary>
    private static readonly TimeSpan MaxValidityPeriod = TimeSpan.FromHours(10);

    public ValidateOptionsResult Validate(string? name, TwilioSmsOptions options)
    {
        var failures = new List<string>();
        if (accounts is null)
        {
            // One Twilio account for every FollowUps account: its SID, subaccount, credentials, sender, region and edge are these
            // settings, checked as an account's are when read.
            TwilioAccountValidator.Sid(failures, _prefix, nameof(options.AccountSid), options.AccountSid, "AC", required: true);
            TwilioAccountValidator.Sid(failures, _prefix, nameof(options.PathAccountSid), options.PathAccountSid, "AC", required: false);
            TwilioAccountValidator.Sid(failures, _prefix, nameof(options.MessagingServiceSid), options.MessagingServiceSid, "MG", required: false);
            TwilioAccountValidator.Credentials(failures, _prefix, options.AuthToken, options.ApiKeySid, options.ApiKeySecret);
            TwilioAccountValidator.Sender(failures, _prefix, options.FromNumber, options.MessagingServiceSid);
            TwilioAccountValidator.Location(failures, _prefix, nameof(options.Region), options.Region, "region", "ie1");
            TwilioAccountValidator.Location(failures, _prefix, nameof(options.Edge), options.Edge, "edge", "dublin");
        }

        if (!IsBlank(options.StatusCallbackUrl)
            && !TwilioAccountValidator.IsHttpsUrl(options.StatusCallbackUrl))
        {
            failures.Add($"{_prefix}{nameof(options.StatusCallbackUrl)} must be an absolute https URL, such as https://acme.example/twilio/status.");
        }

        if (!IsBlank(options.WebhookBaseUrl)
            && !(Uri.TryCreate(options.WebhookBaseUrl!.Trim(), UriKind.Absolute, out var webhookBase)
                 && webhookBase.Scheme == Uri.UriSchemeHttps && webhookBase.Query.Length == 0 && webhookBase.Fragment.Length == 0))
        {
            failures.Add($"{_prefix}{nameof(options.WebhookBaseUrl)} must be an absolute https URL without query or fragment, such as https://acme.example.");
        }

        Positive(nameof(options.Timeout), options.Timeout);
        Positive(nameof(options.ConnectTimeout), options.ConnectTimeout);
        if (options.AuthenticationRetryDelay <= TimeSpan.Zero || options.AuthenticationRetryDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"{_prefix}{nameof(options.AuthenticationRetryDelay)} must be positive and at most 1 day (it is {options.AuthenticationRetryDelay}).");
        }

        if (options.ValidityPeriod < TimeSpan.FromSeconds(1) || options.ValidityPeriod > MaxValidityPeriod || options.ValidityPeriod.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add($"{_prefix}{nameof(options.ValidityPeriod)} must be whole seconds from 1 second to 10 hours, as Twilio accepts (it is {options.ValidityPeriod}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(string setting, TimeSpan value)
        {
            if (value <= TimeSpan.Zero || value > MaxTimeout)
            {
                failures.Add($"{_prefix}{setting} must be positive and at most 24 days (it is {value}).");
            }
        }
    }

    private static bool IsBlank(string? value) => TwilioAccountValidator.IsBlank(value);
}
