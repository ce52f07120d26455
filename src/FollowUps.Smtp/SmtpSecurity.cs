namespace FollowUps.Smtp;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>
    /// TLS from the first byte on port 465; on any other port, STARTTLS when the server offers it and plain text when
    /// it does not. Use only for a relay you trust, since a server that hides STARTTLS gets the mail in plain text.
    /// </summary>
    Auto = 0,

    /// <summary>Plain text, never encrypted. Only for a relay on the same host or a test server on loopback.</summary>
    None = 1,

    /// <summary>Plain text first, then the STARTTLS command; fails when the server does not offer it. The usual choice for port 587.</summary>
    StartTls = 2,

    /// <summary>TLS from the first byte (implicit TLS, "SMTPS"). The usual choice for port 465.</summary>
    SslOnConnect = 3,
}
