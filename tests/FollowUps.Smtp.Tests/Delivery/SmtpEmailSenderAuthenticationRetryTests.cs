using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// Refused credentials are <see cref="SendStatus.CredentialsRefused"/>, not a throw; after them, sends fail at once for a
/// while, reporting the time left, instead of trying them again and locking the account.
/// </summary>
public sealed class SmtpEmailSenderAuthenticationRetryTests
{
    private const string UserName = "followups@acme.test";
    private const string Password = "correct-horse-battery-staple";
    private const string Wrong = "Tr0ub4dor&3-not-it";
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Send_WithinTheDelayAfterRefusedCredentials_FailsWithTheSameErrorWithoutContactingTheServer()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { Credentials = (UserName, Password) });
        var time = new FakeTimeProvider(Now);
        var logger = new FakeLogger<SmtpEmailSender>();
        await using var sender = Senders.Create(server, o => (o.UserName, o.Password) = (UserName, Wrong), time, logger);

        var first = await CatchAsync(sender, 1);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var second = await CatchAsync(sender, 2);
        var third = await CatchAsync(sender, 3);

        first.Error.Should().StartWith($"The SMTP server 127.0.0.1:{server.Port} refused the credentials for {UserName}.")
            .And.Contain("until 2026-11-02 09:35:00 UTC (FollowUps:Smtp:AuthenticationRetryDelay)");
        first.RetryAfter.Should().Be(TimeSpan.FromMinutes(5));
        second.Should().BeEquivalentTo(new { first.Error, RetryAfter = TimeSpan.FromSeconds(1) }, "the result says how much of the delay is left");
        third.Should().BeEquivalentTo(new { first.Error, RetryAfter = TimeSpan.FromSeconds(1) });
        new[] { first, second, third }.Should().OnlyContain(r => !r.Error!.Contains(Wrong) && !r.Error.Contains(Password));
        server.AuthenticationAttempts.Should().Be(1, "the refused password is not tried again within the delay");
        server.Sessions.Should().Be(1, "the server is not contacted at all within the delay");
        var log = logger.Collector.GetSnapshot();
        log.Should().ContainSingle(r => r.Id.Id == 308).Which.Message.Should().Contain("2026-11-02 09:35:00Z");
        log.Count(r => r.Id.Id == 309).Should().Be(2);
    }

    [Fact]
    public async Task Send_AfterTheDelay_TriesTheCredentialsAgain_AndSendsOnceTheServerAcceptsThem()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { Credentials = (UserName, Password) });
        var time = new FakeTimeProvider(Now);
        await using var sender = Senders.Create(server, o => (o.UserName, o.Password) = (UserName, Wrong), time);

        await CatchAsync(sender, 1);
        server.AcceptCredentials(UserName, Wrong);
        var refusedStill = await CatchAsync(sender, 2);
        time.Advance(TimeSpan.FromMinutes(5));
        var result = await sender.SendAsync(Emails.Create(3), Senders.Within());

        refusedStill.Error.Should().Contain("refused the credentials", "the delay holds even though the account was fixed meanwhile");
        result.Status.Should().Be(SendStatus.Sent);
        server.AuthenticationAttempts.Should().Be(2);
        server.Sessions.Should().Be(2);
        server.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal("contact3@example.com");
    }

    [Fact]
    public async Task Send_RefusedAgainAfterTheDelay_StartsANewDelay()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { Credentials = (UserName, Password) });
        var time = new FakeTimeProvider(Now);
        await using var sender = Senders.Create(server, o =>
        {
            (o.UserName, o.Password) = (UserName, Wrong);
            o.AuthenticationRetryDelay = TimeSpan.FromMinutes(15);
        }, time);

        await CatchAsync(sender, 1);
        time.Advance(TimeSpan.FromMinutes(15));
        var retried = await CatchAsync(sender, 2);
        time.Advance(TimeSpan.FromMinutes(14));
        var held = await CatchAsync(sender, 3);

        retried.Error.Should().Contain("until 2026-11-02 10:00:00 UTC");
        retried.RetryAfter.Should().Be(TimeSpan.FromMinutes(15));
        held.Should().BeEquivalentTo(new { retried.Error, RetryAfter = TimeSpan.FromMinutes(1) });
        server.AuthenticationAttempts.Should().Be(2);
    }

    [Fact]
    public async Task Send_AccessTokenRefusedTwice_TokenProviderIsAskedOnceMoreThenNotAgainWithinTheDelay()
    {
        await using var server = new Xoauth2SmtpServer("ya29.current-token");
        var time = new FakeTimeProvider(Now);
        var calls = 0;
        await using var sender = Senders.Create(Senders.OptionsFor(server.Port, o =>
        {
            o.UserName = UserName;
            o.AccessTokenProvider = _ =>
            {
                Interlocked.Increment(ref calls);
                return ValueTask.FromResult("ya29.revoked-token");
            };
        }), time);

        var first = await CatchAsync(sender, 1);
        var second = await CatchAsync(sender, 2);

        second.Error.Should().Be(first.Error).And.Contain("FollowUps:Smtp:AccessTokenProvider");
        calls.Should().Be(2, "a refused token is asked for once more, fresh, and the second refusal starts the delay");
        server.AuthResponses.Should().HaveCount(2);
    }

    private static async Task<SendResult> CatchAsync(SmtpEmailSender sender, int n)
    {
        var result = await sender.SendAsync(Emails.Create(n), Senders.Within());
        result.Status.Should().Be(SendStatus.CredentialsRefused, "refused credentials are a result, not a throw");
        result.ProviderMessageId.Should().BeNull();
        return result;
    }
}
