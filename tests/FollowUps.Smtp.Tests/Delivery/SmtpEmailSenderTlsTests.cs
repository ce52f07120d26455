using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FollowUps.Smtp.Tests.Support;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>TLS end to end against a loopback server with a self-signed certificate made in the test.</summary>
public sealed class SmtpEmailSenderTlsTests
{
    private const string Password = "correct-horse-battery-staple";

    [Theory]
    [InlineData(SmtpSecurity.SslOnConnect)]
    [InlineData(SmtpSecurity.StartTls)]
    public async Task Send_UntrustedCertificate_ThrowsInvalidOperationSayingHowToTrustIt(SmtpSecurity security)
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var server = await StartAsync(security, certificate);
        await using var sender = Senders.Create(server, o =>
        {
            o.Security = security;
            (o.UserName, o.Password) = (Senders.FromAddress, Password);
        });

        var act = () => sender.SendAsync(Emails.Create(1), Senders.Within());

        var thrown = (await act.Should().ThrowAsync<InvalidOperationException>()).Which;
        thrown.Message.Should().Be(
            $"The SMTP server 127.0.0.1:{server.Port} presented a TLS certificate that this machine does not trust " +
            $"(CN=loopback.test, SHA-256 {certificate.Sha256()}). Give the server a certificate for 127.0.0.1 from a trusted " +
            "authority, or trust this one in code with FollowUps:Smtp:ServerCertificateValidation.");
        thrown.ToString().Should().NotContain(Password);
        server.Received.Should().BeEmpty();
        server.AuthenticationAttempts.Should().Be(0, "no credential goes to a server that is not trusted");
    }

    [Theory]
    [InlineData(SmtpSecurity.SslOnConnect)]
    [InlineData(SmtpSecurity.StartTls)]
    public async Task Send_ValidationTrustsTheServersCertificate_ArrivesOverAnEncryptedSession(SmtpSecurity security)
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var server = await StartAsync(security, certificate);
        var seen = new List<SslPolicyErrors>();
        await using var sender = Senders.Create(server, o =>
        {
            o.Security = security;
            (o.UserName, o.Password) = (Senders.FromAddress, Password);
            o.ServerCertificateValidation = (_, presented, _, errors) =>
            {
                seen.Add(errors);
                return presented?.Sha256() == certificate.Sha256();
            };
        });

        var first = await sender.SendAsync(Emails.Create(1), Senders.Within());
        var second = await sender.SendAsync(Emails.Create(2), Senders.Within());

        first.Status.Should().Be(SendStatus.Sent);
        second.Status.Should().Be(SendStatus.Sent);
        server.Received.Should().HaveCount(2).And.OnlyContain(r => r.Secure, "the server saw both messages over TLS");
        server.Sessions.Should().Be(1);
        server.AuthenticationAttempts.Should().Be(1);
        seen.Should().ContainSingle("the certificate is checked once per connection")
            .Which.Should().NotBe(SslPolicyErrors.None, "the operating system does not trust it; the validation does");
    }

    [Fact]
    public async Task Send_ValidationRefusesTheServersCertificate_ThrowsInvalidOperationNamingTheValidation()
    {
        using var certificate = SelfSignedCertificate.Create();
        using var expected = SelfSignedCertificate.Create("another.test");
        await using var server = await StartAsync(SmtpSecurity.StartTls, certificate);
        await using var sender = Senders.Create(server, o =>
        {
            o.Security = SmtpSecurity.StartTls;
            o.ServerCertificateValidation = (_, presented, _, _) => presented?.Sha256() == expected.Sha256();
        });

        var act = () => sender.SendAsync(Emails.Create(1), Senders.Within());

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be(
            $"The SMTP server 127.0.0.1:{server.Port} presented a TLS certificate (CN=loopback.test, SHA-256 {certificate.Sha256()}) " +
            "that FollowUps:Smtp:ServerCertificateValidation refused. Check that it expects this server's certificate.");
        server.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_PlainSecurityAgainstAServerOfferingStartTls_StaysUnencrypted()
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var server = await StartAsync(SmtpSecurity.StartTls, certificate);
        await using var sender = Senders.Create(server, o => (o.UserName, o.Password) = (Senders.FromAddress, Password));

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent);
        server.Received.Should().ContainSingle().Which.Secure.Should().BeFalse("the server's flag tells the two apart");
    }

    /// <summary>A server that offers STARTTLS, or speaks TLS from the first byte for SslOnConnect, and requires AUTH.</summary>
    private static Task<LoopbackSmtpServer> StartAsync(SmtpSecurity security, X509Certificate2 certificate)
        => LoopbackSmtpServer.StartAsync(new()
        {
            Certificate = certificate,
            ImplicitTls = security == SmtpSecurity.SslOnConnect,
            Credentials = (Senders.FromAddress, Password),
        });
}
