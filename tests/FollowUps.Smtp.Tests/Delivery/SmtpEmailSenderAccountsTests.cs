using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>Each account sends from its own mailbox (<see cref="ISmtpMailboxes"/>), read once per cache lifetime.</summary>
public sealed class SmtpEmailSenderAccountsTests
{
    private const string A = "account-a";
    private const string B = "account-b";
    private const string PasswordA = "pw-A-9f2c41e7d0";
    private const string PasswordB = "pw-B-3b8e55a1c6";

    [Fact]
    public async Task Send_TwoAccounts_EachAccountsMailReachesOnlyItsServerWithItsFromAddress()
    {
        await using var serverA = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("a@a.test", PasswordA) });
        await using var serverB = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("b@b.test", PasswordB) });
        var mailboxes = new TestMailboxes
        {
            [A] = Senders.Mailbox(serverA.Port, "a@a.test", "a@a.test", SmtpAuthentication.Password),
            [B] = Senders.Mailbox(serverB.Port, "b@b.test", "b@b.test", SmtpAuthentication.Password),
        };
        var credentials = new TestCredentials();
        credentials.Set(A, PasswordA);
        credentials.Set(B, PasswordB);
        await using var sender = Senders.ForAccounts(mailboxes, credentials);

        var results = new List<SendResult>();
        foreach (var (account, n) in new[] { (A, 1), (B, 1), (B, 2), (A, 2), (A, 3), (B, 3) })
        {
            results.Add(await sender.SendAsync(Emails.For(account, n), Senders.Within()));
        }

        results.Should().OnlyContain(r => r.Status == SendStatus.Sent);
        serverA.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal($"{A}-contact1@example.com", $"{A}-contact2@example.com", $"{A}-contact3@example.com");
        serverB.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal($"{B}-contact1@example.com", $"{B}-contact2@example.com", $"{B}-contact3@example.com");
        serverA.Received.Should().OnlyContain(r => r.EnvelopeFrom == "a@a.test" && r.Message.From.Mailboxes.Single().Address == "a@a.test" && r.Message.MessageId!.EndsWith("@a.test", StringComparison.Ordinal));
        serverB.Received.Should().OnlyContain(r => r.EnvelopeFrom == "b@b.test" && r.Message.From.Mailboxes.Single().Address == "b@b.test" && r.Message.MessageId!.EndsWith("@b.test", StringComparison.Ordinal));
        credentials.Requests.Select(r => (r.AccountId, r.Mailbox.Port, r.Refused)).Should().Equal((A, serverA.Port, false), (B, serverB.Port, false));
        mailboxes.Reads(A).Should().Be(1, "a mailbox is read once per cache lifetime, not per send");
    }

    [Fact]
    public async Task Send_AccountWithoutMailbox_ThrowsSendNotStartedNamingTheAccount()
    {
        await using var sender = Senders.ForAccounts(new TestMailboxes(), new TestCredentials());

        var act = () => sender.SendAsync(Emails.For(A, 1), Senders.Within());

        (await act.Should().ThrowAsync<SendNotStartedException>()).WithMessage($"Account '{A}' has no SMTP mailbox*");
    }

    [Fact]
    public async Task Send_AccountWithInvalidMailbox_ThrowsSendNotStartedNamingTheAccountAndEverySetting()
    {
        var mailboxes = new TestMailboxes { [A] = new SmtpMailbox { Host = "not a host", Port = 0, FromAddress = "nobody", Authentication = SmtpAuthentication.OAuth2 } };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials());

        var act = () => sender.SendAsync(Emails.For(A, 1), Senders.Within());

        (await act.Should().ThrowAsync<SendNotStartedException>()).Which.Message.Should()
            .StartWith($"The SMTP mailbox of account '{A}' is invalid")
            .And.Contain("Host is not a host name").And.Contain("Port must be between 1 and 65535 (it is 0)")
            .And.Contain("FromAddress is not a valid email address").And.Contain("UserName is required with OAuth2 authentication");
    }

    [Fact]
    public async Task Send_MailboxesPortThrows_ThrowsSendNotStarted_AndAsksAgainOnTheNextSend()
    {
        var mailboxes = new TestMailboxes();
        await using var asking = Senders.ForAccounts(mailboxes, new TestCredentials());

        var act = () => asking.SendAsync(Emails.For(TestMailboxes.Unreadable, 1), Senders.Within());

        (await act.Should().ThrowAsync<SendNotStartedException>()).WithMessage($"The SMTP mailbox of account '{TestMailboxes.Unreadable}' could not be read*the mailbox table is offline*");
        await act.Should().ThrowAsync<SendNotStartedException>();
        mailboxes.Reads(TestMailboxes.Unreadable).Should().Be(2, "a failed read is not kept: the next send asks again");
    }

    [Fact]
    public async Task Send_MailboxChangedInTheSource_UsedAfterTheCacheLifetime_AndTheOldConnectionIsClosed()
    {
        await using var before = await LoopbackSmtpServer.StartAsync();
        await using var after = await LoopbackSmtpServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(before.Port, "a@a.test") };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials(), timeProvider: time);

        (await sender.SendAsync(Emails.For(A, 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        mailboxes[A] = Senders.Mailbox(after.Port, "a@new.test");
        time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
        (await sender.SendAsync(Emails.For(A, 2), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        time.Advance(TimeSpan.FromSeconds(1));
        (await sender.SendAsync(Emails.For(A, 3), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        await before.WaitForSessionEndAsync();

        before.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal($"{A}-contact1@example.com", $"{A}-contact2@example.com");
        after.Received.Should().ContainSingle().Which.EnvelopeFrom.Should().Be("a@new.test");
        before.EndedSessions.Should().Be(1, "the changed mailbox's idle connection is closed");
        mailboxes.Reads(A).Should().Be(2);
    }

    [Fact]
    public async Task OnAccountInvalidated_MailboxIsReadAgainAtOnce_AndItsConnectionClosed()
    {
        await using var before = await LoopbackSmtpServer.StartAsync();
        await using var after = await LoopbackSmtpServer.StartAsync();
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(before.Port, "a@a.test"), [B] = Senders.Mailbox(after.Port, "b@b.test") };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials());

        await sender.SendAsync(Emails.For(A, 1), Senders.Within());
        await sender.SendAsync(Emails.For(B, 1), Senders.Within());
        mailboxes[A] = Senders.Mailbox(after.Port, "a@new.test");
        await sender.OnAccountInvalidatedAsync(A, CancellationToken.None);
        await before.WaitForSessionEndAsync();
        await sender.SendAsync(Emails.For(A, 2), Senders.Within());
        await sender.SendAsync(Emails.For(B, 2), Senders.Within());

        mailboxes.Reads(A).Should().Be(2);
        mailboxes.Reads(B).Should().Be(1, "another account's mailbox is not forgotten");
        before.EndedSessions.Should().Be(1);
        after.Received.Select(r => r.EnvelopeFrom).Should().Equal("b@b.test", "a@new.test", "b@b.test");
        after.Sessions.Should().Be(2, "B kept its connection; A opened its own");
    }
}
