using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Smtp.Tests.Mailboxes;

/// <summary>
/// The accounts' mailboxes and pools the sender keeps: bounded by use (an account unused for the cache lifetime is
/// forgotten and its connections closed, never under a send), and never kept from a read an invalidation overtook.
/// </summary>
public sealed class MailboxDirectoryTests
{
    private const string A = "account-a";
    private const string B = "account-b";
    private const string PasswordA = "pw-A-71c0e2d94b";
    private static readonly TimeSpan Lifetime = new FollowUpAccountsOptions().CacheLifetime;

    [Fact]
    public async Task Send_ManyAccountsOnceThenOneMoreAfterTheCacheLifetime_ForgetsTheOldAccountsAndClosesTheirConnections()
    {
        const int Accounts = 20;
        await using var server = await LoopbackSmtpServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var mailboxes = new TestMailboxes();
        var ids = Enumerable.Range(1, Accounts).Select(i => $"account-{i}").Append("account-late").ToList();
        foreach (var id in ids)
        {
            mailboxes[id] = Senders.Mailbox(server.Port, $"{id}@accounts.test");
        }

        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials(), timeProvider: time);
        foreach (var id in ids.Take(Accounts))
        {
            (await sender.SendAsync(Emails.For(id, 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        }

        sender.Mailboxes.Accounts.Should().Be(Accounts);
        time.Advance(Lifetime);
        (await sender.SendAsync(Emails.For("account-late", 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        sender.Mailboxes.Accounts.Should().Be(1, "accounts unused for the cache lifetime are forgotten");
        sender.Mailboxes.Pools.Should().ContainSingle().Which.AccountId.Should().Be("account-late");
        for (var i = 0; i < Accounts; i++)
        {
            await server.WaitForSessionEndAsync();
        }

        server.EndedSessions.Should().Be(Accounts, "each forgotten account's idle connection is closed; the late account's stays open");
        server.Sessions.Should().Be(Accounts + 1);
    }

    [Fact]
    public async Task Send_SingleMailboxManyAccountsThenOneMoreAfterTheCacheLifetime_ForgetsTheAccountsButKeepsTheSharedConnection()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var sender = Senders.Create(server, timeProvider: time);
        for (var i = 1; i <= 5; i++)
        {
            (await sender.SendAsync(Emails.For($"account-{i}", 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        }

        time.Advance(Lifetime);
        (await sender.SendAsync(Emails.For("account-late", 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        sender.Mailboxes.Accounts.Should().Be(1);
        sender.Mailboxes.Pools.Should().ContainSingle().Which.Shared.Should().BeTrue();
        server.Sessions.Should().Be(1, "the one mailbox's connection is shared by every account and kept");
        server.EndedSessions.Should().Be(0);
        server.Received.Should().HaveCount(6).And.OnlyContain(r => r.SessionId == server.Received[0].SessionId);
    }

    [Fact]
    public async Task Send_SingleMailboxAccountUnusedForTheCacheLifetimeWhileAnotherAccountsSendIsInFlight_IsForgotten()
    {
        // Review: the shared pool's sends were counted as every account's, so with the one mailbox of SmtpEmailOptions an
        // account was never forgotten while any account's send was under way (on a busy host, never).
        await using var server = await LoopbackSmtpServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var sender = Senders.Create(server, o => o.Timeout = TimeSpan.FromSeconds(1), timeProvider: time);
        (await sender.SendAsync(Emails.For("account-1", 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        time.Advance(Lifetime / 2);
        server.HoldNextMessage();
        var inFlight = sender.SendAsync(Emails.For("account-2", 1), Senders.Within());
        await server.MessageHeld.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(Lifetime / 2);

        (await sender.SendAsync(Emails.For("account-3", 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        sender.Mailboxes.Accounts.Should().Be(2, "account-1 went unused for the cache lifetime; account-2's send is not account-1's");
        (await inFlight).Status.Should().Be(SendStatus.Unknown, "the held message was never answered");
        sender.Mailboxes.Pools.Should().ContainSingle().Which.Shared.Should().BeTrue();
    }

    [Fact]
    public async Task Send_AccountUnusedForTheCacheLifetimeWithASendInFlight_KeepsItsPoolAndConnection()
    {
        await using var serverA = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("a@a.test", PasswordA) });
        await using var serverB = await LoopbackSmtpServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var mailboxes = new TestMailboxes
        {
            [A] = Senders.Mailbox(serverA.Port, "a@a.test", "a@a.test", SmtpAuthentication.Password),
            [B] = Senders.Mailbox(serverB.Port, "b@b.test"),
        };
        var inner = new TestCredentials();
        inner.Set(A, PasswordA);
        var credentials = new GatedCredentials(inner);
        await using var sender = Senders.ForAccounts(mailboxes, credentials, timeProvider: time);

        var inFlight = sender.SendAsync(Emails.For(A, 1), Senders.Within());
        await credentials.Asked.WaitAsync(TimeSpan.FromSeconds(10)); // A's send holds its connection, logging in.
        time.Advance(Lifetime);
        (await sender.SendAsync(Emails.For(B, 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        sender.Mailboxes.Accounts.Should().Be(2, "an account with a send in flight is in use");
        sender.Mailboxes.Pools.Should().HaveCount(2);
        credentials.Release();
        (await inFlight).Status.Should().Be(SendStatus.Sent);
        (await sender.SendAsync(Emails.For(A, 2), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        serverA.Sessions.Should().Be(1, "A's pool and its connection were kept, and the next send reused them");
        serverA.EndedSessions.Should().Be(0);
        serverA.Received.Should().HaveCount(2);
    }

    [Fact]
    public async Task Send_AccountUnusedForTheCacheLifetimeWhileItsCredentialsCoolDown_IsKept_SoTheyAreNotTriedAgainEarly()
    {
        await using var serverA = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("a@a.test", PasswordA) });
        await using var serverB = await LoopbackSmtpServer.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var mailboxes = new TestMailboxes
        {
            [A] = Senders.Mailbox(serverA.Port, "a@a.test", "a@a.test", SmtpAuthentication.Password),
            [B] = Senders.Mailbox(serverB.Port, "b@b.test"),
        };
        var credentials = new TestCredentials();
        credentials.Set(A, "a-wrong-password");
        await using var sender = Senders.ForAccounts(mailboxes, credentials, o => o.AuthenticationRetryDelay = TimeSpan.FromMinutes(5), timeProvider: time);

        (await sender.SendAsync(Emails.For(A, 1), Senders.Within())).Status.Should().Be(SendStatus.CredentialsRefused);
        var attempts = serverA.AuthenticationAttempts;
        time.Advance(Lifetime);
        (await sender.SendAsync(Emails.For(B, 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        var again = await sender.SendAsync(Emails.For(A, 2), Senders.Within());

        again.Status.Should().Be(SendStatus.CredentialsRefused);
        again.RetryAfter.Should().Be(TimeSpan.FromMinutes(5) - Lifetime, "the cool-down goes on");
        serverA.AuthenticationAttempts.Should().Be(attempts, "a wrong password tried again within the cool-down counts towards the provider's lock-out");
    }

    [Fact]
    public async Task Send_AccountInvalidatedWhileItsMailboxIsRead_KeepsNothingOfThatRead_AndClosesItsConnection()
    {
        await using var before = await LoopbackSmtpServer.StartAsync();
        await using var after = await LoopbackSmtpServer.StartAsync();
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(before.Port, "a@a.test") };
        var gated = new GatedMailboxes(mailboxes);
        await using var sender = Senders.ForAccounts(gated, new TestCredentials());

        var first = sender.SendAsync(Emails.For(A, 1), Senders.Within());
        await gated.Reading.WaitAsync(TimeSpan.FromSeconds(10));
        mailboxes[A] = Senders.Mailbox(after.Port, "a@new.test");
        await sender.OnAccountInvalidatedAsync(A, CancellationToken.None);
        gated.Release();
        (await first).Status.Should().Be(SendStatus.Sent, "a read under way gives its answer to its own send");
        await before.WaitForSessionEndAsync(); // The overtaken read's pool is not kept: its connection closes after its send.
        (await sender.SendAsync(Emails.For(A, 2), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        mailboxes.Reads(A).Should().Be(2, "the read the invalidation overtook was not kept");
        before.Received.Should().ContainSingle();
        after.Received.Should().ContainSingle().Which.EnvelopeFrom.Should().Be("a@new.test");
        sender.Mailboxes.Pools.Should().ContainSingle().Which.Mailbox.Port.Should().Be(after.Port);
    }

    [Fact]
    public async Task Send_AnotherAccountInvalidatedWhileAMailboxIsRead_KeepsThatRead()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(server.Port, "a@a.test"), [B] = Senders.Mailbox(server.Port, "b@b.test") };
        var gated = new GatedMailboxes(mailboxes);
        await using var sender = Senders.ForAccounts(gated, new TestCredentials());

        var first = sender.SendAsync(Emails.For(A, 1), Senders.Within());
        await gated.Reading.WaitAsync(TimeSpan.FromSeconds(10));
        await sender.OnAccountInvalidatedAsync(B, CancellationToken.None);
        gated.Release();
        (await first).Status.Should().Be(SendStatus.Sent);
        (await sender.SendAsync(Emails.For(A, 2), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        mailboxes.Reads(A).Should().Be(1, "B's invalidation says nothing about A's mailbox");
        server.Sessions.Should().Be(1);
    }
}
