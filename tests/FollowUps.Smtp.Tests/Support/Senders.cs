using FollowUps.Smtp.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>Senders wired to a loopback server, with short timeouts so no test can hang.</summary>
internal static class Senders
{
    public const string FromAddress = "followups@acme.test";

    /// <summary>Bounds every send in a test. The source is not disposed: its timer frees it when it fires.</summary>
    public static CancellationToken Within(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static SmtpEmailOptions OptionsFor(int port, Action<SmtpEmailOptions>? configure = null)
    {
        var options = new SmtpEmailOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Security = SmtpSecurity.None,
            FromAddress = FromAddress,
            Timeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return options;
    }

    public static SmtpEmailSender Create(LoopbackSmtpServer server, Action<SmtpEmailOptions>? configure = null, TimeProvider? timeProvider = null, ILogger<SmtpEmailSender>? logger = null)
        => Create(OptionsFor(server.Port, configure), timeProvider, logger);

    public static SmtpEmailSender Create(SmtpEmailOptions options, TimeProvider? timeProvider = null, ILogger<SmtpEmailSender>? logger = null)
        => new(Options.Create(options), timeProvider ?? TimeProvider.System, logger ?? NullLogger<SmtpEmailSender>.Instance);

    /// <summary>A sender for many accounts: each account's mailbox from <paramref name="mailboxes"/>, its secret from <paramref name="credentials"/>.</summary>
    public static SmtpEmailSender ForAccounts(ISmtpMailboxes mailboxes, ISmtpCredentials credentials, Action<SmtpEmailOptions>? configure = null, TimeProvider? timeProvider = null, ILogger<SmtpEmailSender>? logger = null)
    {
        var options = new SmtpEmailOptions { Timeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        return new(Options.Create(options), mailboxes, credentials, Options.Create(new FollowUpAccountsOptions()), timeProvider ?? TimeProvider.System, logger ?? NullLogger<SmtpEmailSender>.Instance);
    }

    /// <summary>A mailbox on a loopback server, without TLS.</summary>
    public static SmtpMailbox Mailbox(int port, string fromAddress, string? userName = null, SmtpAuthentication authentication = SmtpAuthentication.None) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SmtpSecurity.None,
        FromAddress = fromAddress,
        UserName = userName,
        Authentication = authentication,
    };
}
