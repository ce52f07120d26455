using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// How the server's TLS certificate is checked (the host's <see cref="SmtpEmailOptions.ServerCertificateValidation"/>,
/// or MailKit's validation by the operating system), and what a failed handshake means for the person configuring it.
/// Not thread-safe: the connection that owns it connects once at a time.
/// </summary>
internal sealed class ServerCertificateCheck(Mailboxes.MailboxPool pool)
{
    private string? _refusedByHost;

    /// <summary>The callback for MailKit: the host's, noting what it refused; null keeps MailKit's, the operating system's.</summary>
    public RemoteCertificateValidationCallback? CreateCallback() => pool.Options.ServerCertificateValidation is { } validate
        ? (sender, certificate, chain, errors) =>
        {
            var trusted = validate(sender, certificate, chain, errors);
            _refusedByHost = trusted || certificate is null ? null : Describe(certificate);
            return trusted;
        }
        : null;

    /// <summary>Forgets the last refusal; call before each connection.</summary>
    public void Reset() => _refusedByHost = null;

    /// <summary>What went wrong in <paramref name="handshake"/> and which setting fixes it. Never a secret.</summary>
    public string Problem(SslHandshakeException handshake)
    {
        var (host, port) = (pool.Mailbox.Host, pool.Mailbox.Port);
        var server = $"The SMTP server {host}:{port}";
        if (_refusedByHost is { } refused)
        {
            return $"{server} presented a TLS certificate ({refused}) that FollowUps:Smtp:ServerCertificateValidation refused. Check that it expects this server's certificate.";
        }

        // MailKit keeps the certificate on the exception when its own validation refused it.
        return handshake.ServerCertificate is { } untrusted
            ? $"{server} presented a TLS certificate that this machine does not trust ({Describe(untrusted)}). Give the server a certificate for {host} from a trusted authority, or trust this one in code with FollowUps:Smtp:ServerCertificateValidation."
            : $"The TLS handshake with the SMTP server {host}:{port} failed. Check {pool.Setting("Security")} and {pool.Setting("Port")} (port 465 uses SslOnConnect, port 587 StartTls) and the server's certificate.";
    }

    private static string Describe(X509Certificate certificate)
        => $"{certificate.Subject}, SHA-256 {certificate.GetCertHashString(HashAlgorithmName.SHA256)}";
}
