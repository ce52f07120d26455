using FollowUps.DependencyInjection;
using FollowUps.Smtp.Delivery;
using Microsoft.Extensions.Options;

namespace FollowUps.Smtp.DependencyInjection;

/// <summary>
/// Checks the SMTP settings at start-up, naming the setting that is wrong by the path it was bound from and never
/// showing a secret.
/// </summary>
/// <param name="path">Where the options were bound from; <c>FollowUps:Smtp</c> when not given.</param>
/// <param name="perAccount">Set when each account's mailbox comes from <see cref="ISmtpMailboxes"/>: the mailbox settings are then not checked.</param>
internal sealed class SmtpEmailOptionsValidator(OptionsPath<SmtpEmailOptions>? path = null, PerAccountMailboxes? perAccount = null) : IValidateOptions<SmtpEmailOptions>
{
    private readonly string _prefix = (path ?? new OptionsPath<SmtpEmailOptions>("FollowUps:Smtp")).Prefix;

    public ValidateOptionsResult Validate(string? name, SmtpEmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckConnections(options, failures);
        if (perAccount is not null)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{_prefix}Host is required.");
        }
        else if (Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown)
        {
            failures.Add($"{_prefix}Host '{options.Host}' is not a host name or IP address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{_prefix}Port must be between 1 and 65535 (it is {options.Port}).");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{_prefix}Security must be Auto, None, StartTls or SslOnConnect (it is {(int)options.Security}).");
        }

        if (string.IsNullOrWhiteSpace(options.FromAddress))
        {
            failures.Add($"{_prefix}FromAddress is required.");
        }
        else if (!MimeMessageFactory.IsAddress(options.FromAddress))
        {
            failures.Add($"{_prefix}FromAddress '{options.FromAddress}' is not a valid email address such as followups@example.com.");
        }

        if (options.ServerCertificateValidation is not null && options.Security == SmtpSecurity.None)
        {
            failures.Add($"{_prefix}ServerCertificateValidation is set but {_prefix}Security is None, so no certificate is ever checked: use StartTls or SslOnConnect, or remove the validation.");
        }

        CheckCredentials(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The settings every mailbox's connections follow.</summary>
    private void CheckConnections(SmtpEmailOptions options, List<string> failures)
    {
        if (options.Timeout <= TimeSpan.Zero || options.Timeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{_prefix}Timeout must be positive and at most 24 days (it is {options.Timeout}).");
        }

        if (options.AuthenticationRetryDelay <= TimeSpan.Zero || options.AuthenticationRetryDelay > TimeSpan.FromDays(1))
        {
            failures.Add($"{_prefix}AuthenticationRetryDelay must be positive and at most 1 day (it is {options.AuthenticationRetryDelay}).");
        }

        if (options.MaxConnectionsPerMailbox is < 1 or > 100)
        {
            failures.Add($"{_prefix}MaxConnectionsPerMailbox must be between 1 and 100 (it is {options.MaxConnectionsPerMailbox}).");
        }

        if (options.MaxConnections is < 1 or > 10_000)
        {
            failures.Add($"{_prefix}MaxConnections must be between 1 and 10000 (it is {options.MaxConnections}).");
        }

        if (options.MaxMailboxWait <= TimeSpan.Zero || options.MaxMailboxWait > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{_prefix}MaxMailboxWait must be positive and at most 5 minutes (it is {options.MaxMailboxWait}).");
        }
    }

    private void CheckCredentials(SmtpEmailOptions options, List<string> failures)
    {
        var hasUser = !string.IsNullOrWhiteSpace(options.UserName);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        var hasToken = options.AccessTokenProvider is not null;

        if (hasPassword && hasToken)
        {
            failures.Add($"{_prefix}Password and {_prefix}AccessTokenProvider are both set: set one, the password or the OAuth2 access-token provider.");
        }
        else if (hasUser && !hasPassword && !hasToken)
        {
            failures.Add($"{_prefix}Password or {_prefix}AccessTokenProvider is required when {_prefix}UserName is set (leave all three unset for a relay without authentication).");
        }
        else if (!hasUser && (hasPassword || hasToken))
        {
            failures.Add($"{_prefix}UserName is required when {_prefix}{(hasPassword ? "Password" : "AccessTokenProvider")} is set.");
        }
    }
}
