using FollowUps.Smtp.Tests.Support;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>OAuth2 (XOAUTH2) against a scripted loopback server; the SmtpServer package offers only PLAIN and LOGIN.</summary>
public sealed class SmtpEmailSenderOAuth2Tests
{
    private const string Token = "ya29.a0-test-access-token";

    [Fact]
    public async Task Send_AccessTokenProvider_AuthenticatesWithXoauth2OncePerConnection()
    {
        await using var server = new Xoauth2SmtpServer(Token);
        var calls = 0;
        await using var sender = Senders.Create(Senders.OptionsFor(server.Port, o =>
        {
            o.UserName = Senders.FromAddress;
            o.AccessTokenProvider = _ =>
            {
                Interlocked.Increment(ref calls);
                return ValueTask.FromResult(Token);
            };
        }));

        var results = new[]
        {
            await sender.SendAsync(Emails.Create(1), Senders.Within()),
            await sender.SendAsync(Emails.Create(2), Senders.Within()),
            await sender.SendAsync(Emails.Create(3), Senders.Within()),
        };

        results.Should().OnlyContain(r => r.Status == SendStatus.Sent);
        server.Messages.Should().Be(3);
        calls.Should().Be(1, "the token is asked for when connecting, and one connection serves every send");
        server.AuthResponses.Should().Equal($"user={Senders.FromAddress}\u0001auth=Bearer {Token}\u0001\u0001");
    }

    [Fact]
    public async Task Send_TokenRefused_CredentialsRefusedNamingTheProviderWithoutTheToken()
    {
        await using var server = new Xoauth2SmtpServer(Token);
        const string stale = "ya29.expired-token-value";
        await using var sender = Senders.Create(Senders.OptionsFor(server.Port, o =>
        {
            o.UserName = Senders.FromAddress;
            o.AccessTokenProvider = _ => ValueTask.FromResult(stale);
        }));

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.CredentialsRefused);
        result.RetryAfter.Should().Be(TimeSpan.FromMinutes(5));
        result.Error.Should().Contain("FollowUps:Smtp:AccessTokenProvider").And.NotContain(stale);
        server.Messages.Should().Be(0);
    }
}
