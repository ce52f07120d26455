using System.Net.Security;

namespace FollowUps.Smtp;

/// <summary>
/// Where and as whom FollowUps sends email over SMTP. Bind it from configuration (the section is usually
/// <c>FollowUps:Smtp</c>) or set it in code; <see cref="UseGmail"/> and <see cref="UseOutlook"/> fill in the server for the
/// two common providers. Validated when the host starts.
/// </summary>
/// <remarks>
/// <para>Authenticate with <see cref="UserName"/> and either <see cref="Password"/> or <see cref="AccessTokenProvider"/>
/// (OAuth2, XOAUTH2), or with neither for a relay that accepts mail without authentication.</para>
/// <para>Secrets never appear in <see cref="ToString"/>, in logs or in exception messages.</para>
/// <para>With many accounts (<c>AddSmtpEmail&lt;TMailboxes, TCredentials&gt;</c>), each account's mailbox comes from
/// <see cref="ISmtpMailboxes"/> and its secret from <see cref="ISmtpCredentials"/>; then only the connection settings here
/// apply to every mailbox (<see cref="Timeout"/>, <see cref="AuthenticationRetryDelay"/>, <see cref="ServerCertificateValidation"/>
/// and the pool: <see cref="MaxConnectionsPerMailbox"/>, <see cref="MaxConnections"/>, <see cref="MaxMailboxWait"/>), and the
/// mailbox settings here are not used.</para>
/// <para>Not thread-safe while being configured; the sender reads it once, when it is created.</para>
/// </remarks>
public sealed class SmtpEmailOptions
{
    /// <summary>The SMTP server's host name, such as <c>smtp.gmail.com</c>. Required; no default.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The SMTP server's port, 1 to 65535. Default 587, the submission port.</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Default <see cref="SmtpSecurity.StartTls"/>, which refuses a server that does not offer TLS.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>
    /// The connected mailbox, such as <c>followups@acme.example</c>: the address in the From header and the domain of
    /// every Message-ID. The name shown beside it comes from each message's <see cref="EmailMessage.FromName"/>. Required.
    /// </summary>
    public string FromAddress { get; set; } = string.Empty;

    /// <summary>The user name to authenticate as, usually the mailbox address. Default none: no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>
    /// The password for <see cref="UserName"/>; for Gmail an app password, not the account password. Set this or
    /// <see cref="AccessTokenProvider"/>, not both. Default none. A secret: never logged or shown.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>
    /// Returns an OAuth2 access token for <see cref="UserName"/>, used with the XOAUTH2 mechanism instead of a password.
    /// Called each time a connection logs in, so return a fresh (cached, refreshed) token each time; when the server
    /// refuses a token it is called once more (return a newly refreshed one) before the refusal counts.
    /// Default none. Cannot be bound from configuration; set it in code.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; set; }

    /// <summary>How long one network operation (connect, one command, the message upload) may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After the server refuses the credentials, how long every send fails at once with
    /// <see cref="SendStatus.CredentialsRefused"/> (the same error, and the time left as <see cref="SendResult.RetryAfter"/>)
    /// without contacting the server, so a wrong password is not tried again and again until the provider locks the
    /// account (Gmail and Microsoft 365 do). The first send after it tries again. Default 5 minutes; more than zero and at
    /// most 1 day.
    /// </summary>
    public TimeSpan AuthenticationRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many connections each mailbox may have open at once, each kept open and logged in for the next send. Default 2;
    /// from 1 to 100. Providers limit concurrent connections per mailbox (Microsoft 365 allows 3).
    /// </summary>
    public int MaxConnectionsPerMailbox { get; set; } = 2;

    /// <summary>
    /// How many connections may be open at once across all mailboxes; to open another, the least recently used idle one
    /// is closed. Default 64; from 1 to 10,000.
    /// </summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>
    /// How long a send waits for a free connection of its mailbox (all of <see cref="MaxConnectionsPerMailbox"/> busy).
    /// After that it sends nothing and throws <see cref="SendNotStartedException"/>: a call's inline send is handed to the
    /// dispatcher (reported queued) instead of holding the call up. Default 2 seconds; more than zero and at most 5 minutes.
    /// </summary>
    public TimeSpan MaxMailboxWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Decides whether to trust the server's TLS certificate, in place of the operating system's validation; for a
    /// server with a self-signed or private-authority certificate. It gets the host name, the certificate, its chain and
    /// the errors the operating system found, and returns true to trust it. Trust one certificate, not every certificate:
    /// compare its SHA-256 hash, such as
    /// <c>(_, certificate, _, _) =&gt; certificate?.GetCertHashString(HashAlgorithmName.SHA256) == "3A9F…"</c>.
    /// Default none: the operating system's validation, which refuses a certificate it does not trust as a configuration
    /// error. Cannot be bound from configuration; set it in code. Called during each TLS handshake, one at a time.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }

    /// <summary>
    /// Sends through Gmail or Google Workspace: <c>smtp.gmail.com</c>, port 587, STARTTLS, as <paramref name="address"/>.
    /// Then set <see cref="Password"/> to an app password (Google account, Security, 2-Step Verification, App passwords)
    /// or <see cref="AccessTokenProvider"/> to a token with the <c>https://mail.google.com/</c> scope.
    /// </summary>
    /// <param name="address">The Gmail or Workspace mailbox; becomes <see cref="FromAddress"/> and <see cref="UserName"/>.</param>
    /// <returns>These options, to go on setting them.</returns>
    public SmtpEmailOptions UseGmail(string address) => UseProvider("smtp.gmail.com", address);

    /// <summary>
    /// Sends through Outlook or Microsoft 365 (Exchange Online): <c>smtp.office365.com</c>, port 587, STARTTLS, as
    /// <paramref name="address"/>. SMTP AUTH must be enabled for the mailbox. Then set <see cref="AccessTokenProvider"/> to a
    /// token with the <c>https://outlook.office365.com/SMTP.Send</c> scope (preferred: Microsoft is retiring passwords for
    /// SMTP AUTH) or <see cref="Password"/>.
    /// </summary>
    /// <param name="address">The mailbox; becomes <see cref="FromAddress"/> and <see cref="UserName"/>.</param>
    /// <returns>These options, to go on setting them.</returns>
    public SmtpEmailOptions UseOutlook(string address) => UseProvider("smtp.office365.com", address);

    /// <summary>The server, mailbox and which kind of credential is set, for logs. Never a secret.</summary>
    /// <returns>
    /// Such as <c>smtp.gmail.com:587 (StartTls) from me@example.com, user me@example.com with a password</c>; with
    /// <see cref="ServerCertificateValidation"/> set, <c>(StartTls, own certificate validation)</c>.
    /// </returns>
    public override string ToString()
    {
        var credential = (UserName, Password, AccessTokenProvider) switch
        {
            (_, _, not null) => $"user {UserName} with an access token",
            (not null, not null, _) => $"user {UserName} with a password",
            (not null, _, _) => $"user {UserName} without a credential",
            _ => "no authentication",
        };
        var security = ServerCertificateValidation is null ? $"{Security}" : $"{Security}, own certificate validation";
        return $"{Host}:{Port} ({security}) from {FromAddress}, {credential}";
    }

    private SmtpEmailOptions UseProvider(string host, string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        Host = host;
        Port = 587;
        Security = SmtpSecurity.StartTls;
        FromAddress = address;
        UserName = address;
        return this;
    }
}
