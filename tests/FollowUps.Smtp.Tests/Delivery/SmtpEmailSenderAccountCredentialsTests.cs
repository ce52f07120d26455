using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// Each account's secret comes from <see cref="ISmtpCredentials"/> when a connection logs in: a refused token is asked for
/// once more, fresh; refused credentials cool down that account's mailbox only; no secret reaches a log or a result.
/// </summary>
public sealed class SmtpEmailSenderAccountCredentialsTests
{
    private const string A = "account-a";
    private const string B = "account-b";
    private const string CurrentToken = "ya29.current-9c1d7e52aa";
    private const string ExpiredToken = "ya29.expired-4f80b3c619";
    private const string RevokedToken = "ya29.revoked-0b6e2d9f47";
    private const string PasswordB = "pw-B-3b8e55a1c6";
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Send_AccessTokenRefusedOnce_AsksOnceMoreForAFreshTokenAndSends()
    {
        await using var server = new Xoauth2SmtpServer(CurrentToken);
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(server.Port, "a@a.test", "a@a.test", SmtpAuthentication.OAuth2) };
        var credentials = new TestCredentials();
        credentials.Set(A, ExpiredToken, fresh: CurrentToken);
        await using var sender = Senders.ForAccounts(mailboxes, credentials);

        var first = await sender.SendAsync(Emails.For(A, 1), Senders.Within());
        var second = await sender.SendAsync(Emails.For(A, 2), Senders.Within());

        first.Status.Should().Be(SendStatus.Sent);
        second.Status.Should().Be(SendStatus.Sent);
        credentials.Requests.Select(r => (r.AccountId, r.Refused)).Should().Equal([(A, false), (A, true)], "exactly one extra ask, telling the port the token was refused");
        server.AuthResponses.Select(r => r.Contains(CurrentToken, StringComparison.Ordinal)).Should().Equal(false, true);
        server.Messages.Should().Be(2);
    }

    [Fact]
    public async Task Send_AccountsTokenRefusedTwice_CredentialsRefusedForItWhileTheOtherAccountKeepsSending()
    {
        await using var serverA = new Xoauth2SmtpServer(CurrentToken);
        await using var serverB = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("b@b.test", PasswordB) });
        var time = new FakeTimeProvider(Now);
        var mailboxes = new TestMailboxes
        {
            [A] = Senders.Mailbox(serverA.Port, "a@a.test", "a@a.test", SmtpAuthentication.OAuth2),
            [B] = Senders.Mailbox(serverB.Port, "b@b.test", "b@b.test", SmtpAuthentication.Password),
        };
        var credentials = new TestCredentials();
        credentials.Set(A, ExpiredToken, fresh: RevokedToken);
        credentials.Set(B, PasswordB);
        await using var sender = Senders.ForAccounts(mailboxes, credentials, timeProvider: time);

        var refused = await sender.SendAsync(Emails.For(A, 1), Senders.Within());
        var sentB1 = await sender.SendAsync(Emails.For(B, 1), Senders.Within());
        time.Advance(TimeSpan.FromMinutes(2));
        var stillRefused = await sender.SendAsync(Emails.For(A, 2), Senders.Within());
        var sentB2 = await sender.SendAsync(Emails.For(B, 2), Senders.Within());

        refused.Status.Should().Be(SendStatus.CredentialsRefused);
        refused.RetryAfter.Should().Be(TimeSpan.FromMinutes(5));
        refused.Error.Should().Contain($"account '{A}'").And.NotContain(ExpiredToken).And.NotContain(RevokedToken);
        stillRefused.Should().BeEquivalentTo(new { Status = SendStatus.CredentialsRefused, refused.Error, RetryAfter = TimeSpan.FromMinutes(3) });
        new[] { sentB1, sentB2 }.Should().OnlyContain(r => r.Status == SendStatus.Sent);
        serverB.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal($"{B}-contact1@example.com", $"{B}-contact2@example.com");
        serverA.AuthResponses.Should().HaveCount(2, "the first token and one fresh one; nothing within the cool-down");
        credentials.Requests.Count(r => r.AccountId == A).Should().Be(2);
    }

    [Fact]
    public async Task Send_PasswordRefused_IsNotAskedForAgain()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("b@b.test", PasswordB) });
        var mailboxes = new TestMailboxes { [B] = Senders.Mailbox(server.Port, "b@b.test", "b@b.test", SmtpAuthentication.Password) };
        var credentials = new TestCredentials();
        credentials.Set(B, "pw-wrong-5d1a", fresh: PasswordB);
        await using var sender = Senders.ForAccounts(mailboxes, credentials);

        var result = await sender.SendAsync(Emails.For(B, 1), Senders.Within());

        result.Status.Should().Be(SendStatus.CredentialsRefused);
        server.AuthenticationAttempts.Should().Be(1, "a wrong password tried again counts towards the provider's lock-out");
        credentials.Requests.Should().ContainSingle().Which.Refused.Should().BeFalse();
    }

    [Fact]
    public async Task Send_WithAccountsAndRefusals_NoPasswordOrTokenInTheLogsOrResults()
    {
        await using var serverA = new Xoauth2SmtpServer(CurrentToken);
        await using var serverB = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("b@b.test", PasswordB) });
        var logger = new FakeLogger<SmtpEmailSender>(new FakeLogCollector(Microsoft.Extensions.Options.Options.Create(new FakeLogCollectorOptions())));
        var mailboxes = new TestMailboxes
        {
            [A] = Senders.Mailbox(serverA.Port, "a@a.test", "a@a.test", SmtpAuthentication.OAuth2),
            [B] = Senders.Mailbox(serverB.Port, "b@b.test", "b@b.test", SmtpAuthentication.Password),
        };
        var credentials = new TestCredentials();
        credentials.Set(A, ExpiredToken, fresh: CurrentToken);
        credentials.Set(B, PasswordB);
        await using var sender = Senders.ForAccounts(mailboxes, credentials, logger: logger);

        var results = new List<SendResult>
        {
            await sender.SendAsync(Emails.For(A, 1), Senders.Within()),
            await sender.SendAsync(Emails.For(B, 1), Senders.Within()),
        };
        credentials.Set(B, "pw-wrong-5d1a");
        await sender.OnAccountInvalidatedAsync(B, CancellationToken.None);
        results.Add(await sender.SendAsync(Emails.For(B, 2), Senders.Within()));
        credentials.Set(A, RevokedToken);
        await sender.OnAccountInvalidatedAsync(A, CancellationToken.None);
        results.Add(await sender.SendAsync(Emails.For(A, 2), Senders.Within()));

        results.Select(r => r.Status).Should().Equal(SendStatus.Sent, SendStatus.Sent, SendStatus.CredentialsRefused, SendStatus.CredentialsRefused);
        var log = logger.Collector.GetSnapshot();
        log.Should().Contain(r => r.Id.Id == 311, "the refused token was logged, without the token");
        var written = string.Join("\n", log.Select(r => $"{r.Message} {r.Exception} {string.Join(",", r.StructuredState ?? [])}"))
            + string.Join("\n", results.Select(r => r.Error));
        foreach (var secret in new[] { CurrentToken, ExpiredToken, RevokedToken, PasswordB, "pw-wrong-5d1a" })
        {
            written.Should().NotContain(secret);
        }

        written.Should().Contain(A).And.Contain(B, "the logs name the accounts");
    }
}
