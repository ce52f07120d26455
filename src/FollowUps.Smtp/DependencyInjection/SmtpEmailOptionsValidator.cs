using FollowUps.Smtp.Delivery;
using Microsoft.Extensions.Options;

namespace FollowUps.Smtp.DependencyInjection;

/// <summary>Checks the SMTP settings at start-up, naming the setting that is wrong and never showing a secret.</summary>
internal sealed class SmtpEmailOptionsValidator : IValidateOptions<SmtpEmailOptions>
{
    private const string Section = "FollowUps:Smtp";

    public ValidateOptionsResult Validate(string? name, SmtpEmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{Section}:Host is required.");
        }
        else if (Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown)
        {
            failures.Add($"{Section}:Host '{options.Host}' is not a host name or IP address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{Section}:Port must be between 1 and 65535 (it is {options.Port}).");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{Section}:Security must be Auto, None, StartTls or SslOnConnect (it is {(int)options.Security}).");
        }

        if (string.IsNullOrWhiteSpace(options.FromAddress))
        {
            failures.Add($"{Section}:FromAddress is required.");
        }
        else if (!MimeMessageFactory.IsAddress(options.FromAddress))
        {
            failures.Add($"{Section}:FromAddress '{options.FromAddress}' is not a valid email address such as followups@example.com.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{Section}:Timeout must be positive and at most 24 days (it is {options.Timeout}).");
        }

        if (options.AuthenticationRetryDelay <= TimeSpan.Zero || options.AuthenticationRetryDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:AuthenticationRetryDelay must be positive and at most 1 day (it is {options.AuthenticationRetryDelay}).");
        }

        if (options.ServerCertificateValidation is not null && options.Security == SmtpSecurity.None)
        {
            failures.Add($"{Section}:ServerCertificateValidation is set but {Section}:Security is None, so no certificate is ever checked: use StartTls or SslOnConnect, or remove the validation.");
        }

        CheckCredentials(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckCredentials(SmtpEmailOptions options, List<string> failures)
    {
        var hasUser = !string.IsNullOrWhiteSpace(options.UserName);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        var hasToken = options.AccessTokenProvider is not null;

        if (hasPassword && hasToken)
        {
            failures.Add($"{Section}:Password and {Section}:AccessTokenProvider are both set: set one, the password or the OAuth2 access-token provider.");
        }
        else if (hasUser && !hasPassword && !hasToken)
        {
            failures.Add($"{Section}:Password or {Section}:AccessTokenProvider is required when {Section}:UserName is set (leave all three unset for a relay without authentication).");
        }
        else if (!hasUser && (hasPassword || hasToken))
        {
            failures.Add($"{Section}:UserName is required when {Section}:{(hasPassword ? "Password" : "AccessTokenProvider")} is set.");
        }
    }
}
