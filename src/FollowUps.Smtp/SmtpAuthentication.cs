namespace FollowUps.Smtp;

/// <summary>How a mailbox logs in to its SMTP server; the secret itself comes from <see cref="ISmtpCredentials"/>.</summary>
public enum SmtpAuthentication
{
    /// <summary>No authentication: a relay that accepts mail from this host as it is.</summary>
    None = 0,

    /// <summary>A password (for Gmail an app password), sent with the strongest mechanism the server offers.</summary>
    Password = 1,

    /// <summary>An OAuth2 access token (XOAUTH2), as Gmail and Microsoft 365 prefer.</summary>
    OAuth2 = 2,
}
