using Microsoft.Extensions.Options;

namespace FollowUps.Smtp.Mailboxes;

/// <summary>The single-mailbox setup: every account sends from the mailbox of the registered <see cref="SmtpEmailOptions"/> (validated at start-up).</summary>
/// <param name="options">The registered settings.</param>
internal sealed class OptionsMailboxes(IOptions<SmtpEmailOptions> options) : ISmtpMailboxes
{
    private readonly Lazy<SmtpMailbox> _mailbox = new(() => Of(options.Value));

    public ValueTask<SmtpMailbox?> FindAsync(string accountId, CancellationToken cancellationToken) => ValueTask.FromResult<SmtpMailbox?>(_mailbox.Value);

    /// <summary>The mailbox <paramref name="options"/> describe.</summary>
    public static SmtpMailbox Of(SmtpEmailOptions options) => new()
    {
        Host = options.Host,
        Port = options.Port,
        Security = options.Security,
        FromAddress = options.FromAddress,
        UserName = string.IsNullOrWhiteSpace(options.UserName) ? null : options.UserName,
        Authentication = string.IsNullOrWhiteSpace(options.UserName) ? SmtpAuthentication.None
            : options.AccessTokenProvider is not null ? SmtpAuthentication.OAuth2
            : SmtpAuthentication.Password,
    };
}
