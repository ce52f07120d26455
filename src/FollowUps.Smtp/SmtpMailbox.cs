namespace FollowUps.Smtp;

/// <summary>
/// One account's mailbox: the SMTP server, how the connection is secured, the From address and how to log in. Holds no
/// secret: the password or access token is asked of <see cref="ISmtpCredentials"/> when a connection authenticates.
/// Immutable; two mailboxes with the same settings are equal, and a change to any setting is a new mailbox (its old
/// connections are closed).
/// </summary>
public sealed record SmtpMailbox
{
    /// <summary>The SMTP server's host name, such as <c>smtp.gmail.com</c>.</summary>
    public required string Host { get; init; }

    /// <summary>The SMTP server's port, 1 to 65535. Default 587, the submission port.</summary>
    public int Port { get; init; } = 587;

    /// <summary>How the connection is secured. Default <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>The address in the From header and the domain of every Message-ID, such as <c>dana@acme-dental.example</c>.</summary>
    public required string FromAddress { get; init; }

    /// <summary>The user name to log in as, usually the mailbox address; required unless <see cref="Authentication"/> is <see cref="SmtpAuthentication.None"/>.</summary>
    public string? UserName { get; init; }

    /// <summary>How to log in. Default <see cref="SmtpAuthentication.None"/>.</summary>
    public SmtpAuthentication Authentication { get; init; }

    /// <summary>A mailbox on Gmail or Google Workspace: <c>smtp.gmail.com</c>, port 587, STARTTLS, from and user <paramref name="address"/>.</summary>
    /// <param name="address">The mailbox.</param>
    /// <param name="authentication">An app password or, preferred, an OAuth2 token with the <c>https://mail.google.com/</c> scope.</param>
    /// <returns>The mailbox.</returns>
    public static SmtpMailbox Gmail(string address, SmtpAuthentication authentication = SmtpAuthentication.OAuth2) => Provider("smtp.gmail.com", address, authentication);

    /// <summary>A mailbox on Outlook or Microsoft 365: <c>smtp.office365.com</c>, port 587, STARTTLS, from and user <paramref name="address"/>.</summary>
    /// <param name="address">The mailbox; SMTP AUTH must be enabled for it.</param>
    /// <param name="authentication">OAuth2 (a token with the <c>https://outlook.office365.com/SMTP.Send</c> scope), or a password.</param>
    /// <returns>The mailbox.</returns>
    public static SmtpMailbox Outlook(string address, SmtpAuthentication authentication = SmtpAuthentication.OAuth2) => Provider("smtp.office365.com", address, authentication);

    private static SmtpMailbox Provider(string host, string address, SmtpAuthentication authentication)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return new SmtpMailbox { Host = host, FromAddress = address, UserName = address, Authentication = authentication };
    }
}
