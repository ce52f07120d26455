using System.Text.RegularExpressions;
using FollowUps.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUps.Twilio.DependencyInjection;

/// <summary>
/// Checks the Twilio settings at start-up, naming the setting that is wrong by the path it was bound from and never
/// showing a secret.
/// </summary>
/// <param name="path">Where the options were bound from; <c>FollowUps:Twilio</c> when not given.</param>
internal sealed partial class TwilioSmsOptionsValidator(OptionsPath<TwilioSmsOptions>? path = null) : IValidateOptions<TwilioSmsOptions>
{
    private readonly string _prefix = (path ?? new OptionsPath<TwilioSmsOptions>("FollowUps:Twilio")).Prefix;

    /// <summary>The longest an <see cref="HttpClient"/> timeout can be.</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(24);

    /// <summary>The longest validity period Twilio accepts: 36,000 seconds.</summary>
    private static readonly TimeSpan MaxValidityPeriod = TimeSpan.FromHours(10);

    public ValidateOptionsResult Validate(string? name, TwilioSmsOptions options)
    {
        var failures = new List<string>();
        Sid(nameof(options.AccountSid), options.AccountSid, "AC", required: true);
        Sid(nameof(options.ApiKeySid), options.ApiKeySid, "SK", required: false);
        Sid(nameof(options.MessagingServiceSid), options.MessagingServiceSid, "MG", required: false);

        var hasKey = !IsBlank(options.ApiKeySid) || !IsBlank(options.ApiKeySecret);
        if (hasKey && (IsBlank(options.ApiKeySid) || IsBlank(options.ApiKeySecret)))
        {
            failures.Add($"{_prefix}{nameof(options.ApiKeySid)} and {_prefix}{nameof(options.ApiKeySecret)} go together; set both or neither.");
        }
        else if (!hasKey && IsBlank(options.AuthToken))
        {
            failures.Add($"{_prefix}{nameof(options.AuthToken)} is required, unless {_prefix}{nameof(options.ApiKeySid)} and {_prefix}{nameof(options.ApiKeySecret)} are set.");
        }

        if (IsBlank(options.FromNumber) == IsBlank(options.MessagingServiceSid))
        {
            failures.Add($"Set one of {_prefix}{nameof(options.FromNumber)} and {_prefix}{nameof(options.MessagingServiceSid)}.");
        }
        else if (!IsBlank(options.FromNumber) && !E164().IsMatch(options.FromNumber!))
        {
            failures.Add($"{_prefix}{nameof(options.FromNumber)} must be a number in E.164, such as +14155550100.");
        }

        if (!IsBlank(options.StatusCallbackUrl)
            && !(Uri.TryCreate(options.StatusCallbackUrl, UriKind.Absolute, out var callback) && callback.Scheme == Uri.UriSchemeHttps))
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

        void Sid(string setting, string? value, string prefix, bool required)
        {
            if (IsBlank(value))
            {
                if (required)
                {
                    failures.Add($"{_prefix}{setting} is required.");
                }
            }
            else if (!(value!.Length == 34 && value.StartsWith(prefix, StringComparison.Ordinal) && value.AsSpan(2).ContainsAnyExcept(HexDigits) is false))
            {
                failures.Add($"{_prefix}{setting} must be {prefix} followed by 32 hexadecimal digits, as the Twilio console shows it.");
            }
        }

        void Positive(string setting, TimeSpan value)
        {
            if (value <= TimeSpan.Zero || value > MaxTimeout)
            {
                failures.Add($"{_prefix}{setting} must be positive and at most 24 days (it is {value}).");
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
