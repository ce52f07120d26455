using System.Net;
using System.Net.Sockets;
using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>How the server's answers become results, or configuration errors.</summary>
public sealed class SmtpEmailSenderReplyTests
{
    private const string Password = "correct-horse-battery-staple";

    [Fact]
    public async Task Send_Answered451ThenAccepted_TransientFailureThenSent()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.AnswerNextMessage(451, "4.3.0 Mail server temporarily unavailable");
        await using var sender = Senders.Create(server);

        var first = await sender.SendAsync(Emails.Create(1), Senders.Within());
        var second = await sender.SendAsync(Emails.Create(1), Senders.Within());

        first.Status.Should().Be(SendStatus.TransientFailure);
        first.RetryAfter.Should().BeNull("451 names no window, so the retry policy's backoff decides");
        first.Error.Should().Contain("451").And.Contain("4.3.0 Mail server temporarily unavailable");
        first.ProviderMessageId.Should().BeNull();
        second.Status.Should().Be(SendStatus.Sent);
        server.Received.Should().ContainSingle();
        server.Sessions.Should().Be(1, "a refused message leaves the connection usable");
    }

    [Fact]
    public async Task Send_Recipient550_PermanentFailureWithServerText_ConnectionStillUsable()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.RefuseRecipient("gone@example.com", 550, "5.1.1 Mailbox unavailable: no such user");
        await using var sender = Senders.Create(server);

        var refused = await sender.SendAsync(Emails.Create(1, to: "gone@example.com"), Senders.Within());
        var next = await sender.SendAsync(Emails.Create(2), Senders.Within());

        refused.Status.Should().Be(SendStatus.PermanentFailure);
        refused.Error.Should().StartWith("550 5.1.1 Mailbox unavailable: no such user");
        next.Status.Should().Be(SendStatus.Sent);
        server.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal("contact2@example.com");
        server.Sessions.Should().Be(1);
    }

    [Fact]
    public async Task Send_RightCredentials_AuthenticatesAndSends()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("followups@acme.test", Password) });
        await using var sender = Senders.Create(server, o => (o.UserName, o.Password) = ("followups@acme.test", Password));

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent);
        server.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Send_WrongPassword_CredentialsRefusedSayingWhatToFixWithoutThePassword()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("followups@acme.test", Password) });
        const string wrong = "Tr0ub4dor&3-not-it";
        var logger = new FakeLogger<SmtpEmailSender>();
        await using var sender = Senders.Create(server, o => (o.UserName, o.Password) = ("followups@acme.test", wrong), logger: logger);

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.CredentialsRefused);
        result.RetryAfter.Should().Be(TimeSpan.FromMinutes(5), "the cool-down before the credentials are tried again");
        result.Error.Should().Contain("FollowUps:Smtp:UserName").And.Contain("FollowUps:Smtp:Password").And.Contain("app password")
            .And.NotContain(wrong).And.NotContain(Password);
        server.Received.Should().BeEmpty();
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 306)
            .And.OnlyContain(r => !r.Message.Contains(wrong) && !$"{r.Exception}".Contains(wrong));
    }

    [Fact]
    public async Task Send_WrongPassword_TheServerSeesOneFailedLoginNotOnePerMechanism()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("followups@acme.test", Password) });
        await using var sender = Senders.Create(server, o => (o.UserName, o.Password) = ("followups@acme.test", "Tr0ub4dor&3-not-it"));

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.CredentialsRefused);
        server.AuthenticationAttempts.Should().Be(1, "the server offers PLAIN and LOGIN, and each refusal counts towards a lock-out");
    }

    [Fact]
    public async Task Send_Refused_LogsTheRecipientMaskedAndTheCode()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.RefuseRecipient("gone@example.com", 550, "5.1.1 Mailbox unavailable");
        var logger = new FakeLogger<SmtpEmailSender>();
        await using var sender = Senders.Create(server, logger: logger);

        await sender.SendAsync(Emails.Create(1, to: "gone@example.com"), Senders.Within());

        var refused = logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 305).Subject;
        refused.Message.Should().Contain("g***@example.com").And.Contain("550").And.NotContain("gone@example.com");
    }

    [Theory]
    [InlineData(SmtpSecurity.StartTls, "does not offer STARTTLS")]
    [InlineData(SmtpSecurity.SslOnConnect, "TLS handshake")]
    public async Task Send_TlsTheServerDoesNotSpeak_ThrowsInvalidOperationNamingSecurityAndPort(SmtpSecurity security, string problem)
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server, o => o.Security = security);

        var act = () => sender.SendAsync(Emails.Create(1), Senders.Within());

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain(problem).And.Contain("FollowUps:Smtp:Security").And.Contain("FollowUps:Smtp:Port");
        server.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_ServerRequiresAuthenticationButNoneConfigured_ThrowsInvalidOperationNamingTheSettings()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("followups@acme.test", Password) });
        await using var sender = Senders.Create(server);

        var act = () => sender.SendAsync(Emails.Create(1), Senders.Within());

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("requires authentication").And.Contain("FollowUps:Smtp:UserName");
    }

    [Fact]
    public async Task Send_NothingListening_TransientFailureAfterOneRetry()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var sender = Senders.Create(Senders.OptionsFor(port));

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.Error.Should().Contain($"127.0.0.1:{port}");
    }

    [Theory]
    [InlineData("Dana\r\nBcc: everyone@example.com", "Thanks")]
    [InlineData("Dana", "Thanks\nBcc: everyone@example.com")]
    public async Task Send_LineBreakInFromNameOrSubject_PermanentFailureAndNothingSent(string fromName, string subject)
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1, fromName: fromName, subject: subject), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        result.Error.Should().Contain("line break");
        server.Sessions.Should().Be(0);
    }

    [Theory]
    [InlineData("http://acme.test/u", "not an absolute https URL")]
    [InlineData("https://acme.test/u\r\nBcc: everyone@example.com", "control character")]
    public async Task Send_UnsafeUnsubscribeUrl_PermanentFailureAndNothingSent(string url, string problem)
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1, unsubscribeUrl: url), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        result.Error.Should().StartWith("The unsubscribe link").And.Contain(problem);
        server.Sessions.Should().Be(0);
    }

    [Fact]
    public async Task Send_InvalidRecipientAddress_PermanentFailureAndNothingSent()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1, to: "not an address"), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        server.Sessions.Should().Be(0);
    }
}
