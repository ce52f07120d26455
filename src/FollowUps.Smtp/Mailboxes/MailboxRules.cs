using FollowUps.Smtp.Delivery;

namespace FollowUps.Smtp.Mailboxes;

/// <summary>What is wrong with a mailbox an account's <see cref="ISmtpMailboxes"/> gave, naming the account and each setting. Pure.</summary>
internal static class MailboxRules
{
    /// <summary>Why <paramref name="mailbox"/> cannot be used, in one sentence naming <paramref name="accountId"/> and each setting; or null.</summary>
    public static string? Problem(string accountId, SmtpMailbox? mailbox)
    {
        if (mailbox is null)
        {
            return $"Account '{accountId}' has no SMTP mailbox (ISmtpMailboxes.FindAsync returned none), so nothing was sent; it is tried again later.";
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(mailbox.Host) || Uri.CheckHostName(mailbox.Host.Trim()) == UriHostNameType.Unknown)
        {
            problems.Add("Host is not a host name or IP address.");
        }

        if (mailbox.Port is < 1 or > 65535)
        {
            problems.Add($"Port must be between 1 and 65535 (it is {mailbox.Port}).");
        }

        if (!Enum.IsDefined(mailbox.Security))
        {
            problems.Add($"Security must be Auto, None, StartTls or SslOnConnect (it is {(int)mailbox.Security}).");
        }

        if (!MimeMessageFactory.IsAddress(mailbox.FromAddress))
        {
            problems.Add("FromAddress is not a valid email address such as followups@example.com.");
        }

        if (!Enum.IsDefined(mailbox.Authentication))
        {
            problems.Add($"Authentication must be None, Password or OAuth2 (it is {(int)mailbox.Authentication}).");
        }
        else if (mailbox.Authentication != SmtpAuthentication.None && string.IsNullOrWhiteSpace(mailbox.UserName))
        {
            problems.Add($"UserName is required with {mailbox.Authentication} authentication.");
        }

        return problems.Count == 0
            ? null
            : $"The SMTP mailbox of account '{accountId}' is invalid, so nothing was sent; it is tried again later: {string.Join(" ", problems)}";
    }
}
