using FollowUps.Normalization;
using FollowUps.Rules;
using Microsoft.Extensions.Options;

namespace FollowUps.DependencyInjection;

/// <summary>Checks the account defaults at start-up, naming the setting that is wrong by the path it was bound from.</summary>
/// <param name="path">Where the options were bound from; <c>FollowUps</c> when not given.</param>
internal sealed class FollowUpOptionsValidator(OptionsPath<FollowUpOptions>? path = null) : IValidateOptions<FollowUpOptions>
{
    private const int MinSigningKeyLength = 32;

    private readonly string _prefix = (path ?? new OptionsPath<FollowUpOptions>("FollowUps")).Prefix;

    public ValidateOptionsResult Validate(string? name, FollowUpOptions options)
    {
        var failures = new List<string>();
        Check(nameof(options.BrandName), options.BrandName, v => SlotRules.Name(v, SlotLimits.SenderName));
        Check(nameof(options.DefaultSenderName), options.DefaultSenderName, v => SlotRules.Name(v, SlotLimits.SenderName));
        if (!string.IsNullOrWhiteSpace(options.DefaultMeetingLink))
        {
            Check(nameof(options.DefaultMeetingLink), options.DefaultMeetingLink, SlotRules.MeetingLink);
        }

        if (!PhoneNormalizer.IsSupportedRegion(options.DefaultRegion))
        {
            failures.Add($"{_prefix}{nameof(options.DefaultRegion)} '{options.DefaultRegion}' is not a supported ISO 3166 region code, such as US or GB.");
        }

        if (!string.IsNullOrWhiteSpace(options.PostalAddress) && SlotRules.PostalAddress(options.PostalAddress) is { } address)
        {
            failures.Add($"{_prefix}{nameof(options.PostalAddress)} {address}.");
        }

        if (!string.IsNullOrWhiteSpace(options.UnsubscribeUrl))
        {
            Check(nameof(options.UnsubscribeUrl), options.UnsubscribeUrl, SlotRules.UnsubscribeUrl);
            if ((options.UnsubscribeSigningKey?.Trim().Length ?? 0) < MinSigningKeyLength)
            {
                failures.Add($"{_prefix}{nameof(options.UnsubscribeSigningKey)} must be at least {MinSigningKeyLength} characters when {_prefix}{nameof(options.UnsubscribeUrl)} is set; it signs the unsubscribe links.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string setting, string? value, Func<string, string?> rule)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{_prefix}{setting} is required.");
            }
            else if (rule(value.Trim()) is { } problem)
            {
                failures.Add($"{_prefix}{setting} {problem}.");
            }
        }
    }
}
