using System.Buffers;
using System.Text.RegularExpressions;

namespace FollowUps.Twilio.Accounts;

/// <summary>
/// The rules for an account's Twilio settings and credentials, shared with the start-up validation of
/// <see cref="TwilioSmsOptions"/>: each problem names its setting after <c>prefix</c>, never showing a secret. Pure; thread-safe.
/// </summary>
internal static partial class TwilioAccountValidator
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>What is wrong with <paramref name="account"/>; empty when nothing is.</summary>
    public static List<string> Problems(TwilioAccount account, string prefix)
    {
        var failures = new List<string>();
        Sid(failures, prefix, nameof(account.AccountSid), account.AccountSid, "AC", required: true);
        Sid(failures, prefix, nameof(account.PathAccountSid), account.PathAccountSid, "AC", required: false);
        Sid(failures, prefix, nameof(account.MessagingServiceSid), account.MessagingServiceSid, "MG", required: false);
        Sender(failures, prefix, account.FromNumber, account.MessagingServiceSid);
        if (!IsBlank(account.StatusCallbackUrl) && !IsHttpsUrl(account.StatusCallbackUrl))
        {
            failures.Add($"{prefix}{nameof(account.StatusCallbackUrl)} must be an absolute https URL, such as https://acme.example/twilio/status.");
        }

        Location(failures, prefix, nameof(account.Region), account.Region, "region", "ie1");
        Location(failures, prefix, nameof(account.Edge), account.Edge, "edge", "dublin");
        return failures;
    }

    /// <summary>What is wrong with <paramref name="credentials"/> for sending: an auth token, or a whole API key.</summary>
    public static List<string> Problems(TwilioCredentials credentials, string prefix)
    {
        var failures = new List<string>();
        Credentials(failures, prefix, credentials.AuthToken, credentials.ApiKeySid, credentials.ApiKeySecret);
        return failures;
    }

    /// <summary>Adds the problems of a SID setting: <paramref name="sidPrefix"/> followed by 32 hex digits.</summary>
    public static void Sid(List<string> failures, string prefix, string setting, string? value, string sidPrefix, bool required)
    {
        if (IsBlank(value))
        {
            if (required)
            {
                failures.Add($"{prefix}{setting} is required.");
            }
        }
        else if (!(value!.Length == 34 && value.StartsWith(sidPrefix, StringComparison.Ordinal) && value.AsSpan(2).ContainsAnyExcept(HexDigits) is false))
        {
            failures.Add($"{prefix}{setting} must be {sidPrefix} followed by 32 hexadecimal digits, as the Twilio console shows it.");
        }
    }

    /// <summary>Adds the problems of the credentials: an API key needs its secret, and without one the auth token is required.</summary>
    public static void Credentials(List<string> failures, string prefix, string? authToken, string? apiKeySid, string? apiKeySecret)
    {
        Sid(failures, prefix, "ApiKeySid", apiKeySid, "SK", required: false);
        var hasKey = !IsBlank(apiKeySid) || !IsBlank(apiKeySecret);
        if (hasKey && (IsBlank(apiKeySid) || IsBlank(apiKeySecret)))
        {
            failures.Add($"{prefix}ApiKeySid and {prefix}ApiKeySecret go together; set both or neither.");
        }
        else if (!hasKey && IsBlank(authToken))
        {
            failures.Add($"{prefix}AuthToken is required, unless {prefix}ApiKeySid and {prefix}ApiKeySecret are set.");
        }
    }

    /// <summary>Adds the problems of the sender: one of the number (in E.164) and the Messaging Service.</summary>
    public static void Sender(List<string> failures, string prefix, string? fromNumber, string? messagingServiceSid)
    {
        if (IsBlank(fromNumber) == IsBlank(messagingServiceSid))
        {
            failures.Add($"Set one of {prefix}FromNumber and {prefix}MessagingServiceSid.");
        }
        else if (!IsBlank(fromNumber) && !E164().IsMatch(fromNumber!))
        {
            failures.Add($"{prefix}FromNumber must be a number in E.164, such as +14155550100.");
        }
    }

    public static bool IsHttpsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;

    public static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>A region or edge becomes part of a host name (<c>api.{edge}.{region}.twilio.com</c>): lower-case letters, digits and inner hyphens only.</summary>
    public static void Location(List<string> failures, string prefix, string setting, string? value, string what, string example)
    {
        if (value is not null && !Label().IsMatch(value))
        {
            failures.Add($"{prefix}{setting} must be a Twilio {what} name in lower case, such as {example}.");
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex Label();
}
