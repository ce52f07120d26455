using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// The connections of all mailboxes: a cap that closes the least recently used idle one, a mailbox that hangs holding up
/// only its own sends, and a send that waits too long for its mailbox handed back unsent.
/// </summary>
public sealed class SmtpEmailSenderPoolTests
{
    private const string A = "account-a";
    private const string B = "account-b";
    private const string C = "account-c";

    [Fact]
    public async Task Send_NewMailboxAtMaxConnections_ClosesTheLeastRecentlyUsedIdleConnection()
    {
        await using var serverA = await LoopbackSmtpServer.StartAsync();
        await using var serverB = await LoopbackSmtpServer.StartAsync();
        await using var serverC = await LoopbackSmtpServer.StartAsync();
        var mailboxes = new TestMailboxes
        {
            [A] = Senders.Mailbox(serverA.Port, "a@a.test"),
            [B] = Senders.Mailbox(serverB.Port, "b@b.test"),
            [C] = Senders.Mailbox(serverC.Port, "c@c.test"),
        };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials(), o => o.MaxConnections = 2);

        await sender.SendAsync(Emails.For(A, 1), Senders.Within());
        await sender.SendAsync(Emails.For(B, 1), Senders.Within());
        await sender.SendAsync(Emails.For(A, 2), Senders.Within()); // A is now the most recently used: B is the oldest idle one.
        (await sender.SendAsync(Emails.For(C, 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        await serverB.WaitForSessionEndAsync();
        (await sender.SendAsync(Emails.For(A, 3), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        serverB.EndedSessions.Should().Be(1, "B's idle connection was the least recently used");
        serverA.EndedSessions.Should().Be(0);
        serverA.Sessions.Should().Be(1, "A's connection was kept and reused");
        serverA.Received.Should().HaveCount(3).And.OnlyContain(r => r.SessionId == serverA.Received[0].SessionId);
        serverC.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Send_OneAccountsMailboxHangs_AnotherAccountsSendsCompleteWhileItWaits()
    {
        var silent = new SilentSmtpServer();
        await using var serverB = await LoopbackSmtpServer.StartAsync();
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(silent.Port, "a@a.test"), [B] = Senders.Mailbox(serverB.Port, "b@b.test") };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials(), o => o.Timeout = TimeSpan.FromMinutes(2));

        var hanging = new[] { sender.SendAsync(Emails.For(A, 1), Senders.Within(120)), sender.SendAsync(Emails.For(A, 2), Senders.Within(120)) };
        await silent.Accepted.WaitAsync(TimeSpan.FromSeconds(10));
        var sentB = new List<SendResult>();
        for (var n = 1; n <= 5; n++)
        {
            sentB.Add(await sender.SendAsync(Emails.For(B, n), Senders.Within()));
        }

        var hangingWhileBSent = hanging.Count(t => !t.IsCompleted);
        await silent.DisposeAsync(); // A's server hangs up without a word: its sends end as not delivered.
        var endedA = await Task.WhenAll(hanging);

        sentB.Should().OnlyContain(r => r.Status == SendStatus.Sent);
        serverB.Received.Should().HaveCount(5);
        hangingWhileBSent.Should().Be(2, "A's sends wait for A's server only until it answers or hangs up, which it did after B's sends");
        endedA.Should().OnlyContain(r => r.Status == SendStatus.TransientFailure);
    }

    [Fact]
    public async Task Send_MailboxsConnectionsAllBusyLongerThanMaxMailboxWait_ThrowsSendNotStartedNamingTheAccountAndTheSetting()
    {
        await using var silent = new SilentSmtpServer();
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(silent.Port, "a@a.test") };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials(), o =>
        {
            (o.MaxConnectionsPerMailbox, o.MaxMailboxWait, o.Timeout) = (1, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(2));
        });

        var hanging = sender.SendAsync(Emails.For(A, 1), Senders.Within(120));
        await silent.Accepted.WaitAsync(TimeSpan.FromSeconds(10));
        var act = () => sender.SendAsync(Emails.For(A, 2), Senders.Within());

        (await act.Should().ThrowAsync<SendNotStartedException>()).Which.Message.Should()
            .Contain($"account '{A}'").And.Contain("FollowUps:Smtp:MaxMailboxWait").And.Contain("handed to the dispatcher");
        hanging.IsCompleted.Should().BeFalse("the first send still holds the mailbox's only connection");
    }

    [Fact]
    public async Task Send_EveryConnectionBusyAndOneGoesIdle_TheWaitingSendTakesItsPlace()
    {
        // Review: a send waiting for a place under MaxConnections was woken only by a connection closing, not by one going
        // back idle, so it waited out MaxMailboxWait and was handed to the dispatcher beside an idle connection.
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var serverA = await LoopbackSmtpServer.StartAsync();
        await using var serverB = await LoopbackSmtpServer.StartAsync();
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(serverA.Port, "a@a.test"), [B] = Senders.Mailbox(serverB.Port, "b@b.test") };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials(), o => (o.MaxConnections, o.MaxMailboxWait) = (1, TimeSpan.FromSeconds(10)), time);
        serverA.HoldNextMessage();
        var sendA = sender.SendAsync(Emails.For(A, 1), Senders.Within());
        await serverA.MessageHeld.WaitAsync(TimeSpan.FromSeconds(10));

        var sendB = sender.SendAsync(Emails.For(B, 1), Senders.Within()); // The only connection is A's: B waits for a place.
        await serverA.DisposeAsync(); // A's server goes away mid-message: A's send ends, its connection goes back idle.
        await sendA; // However it ended, its connection went back to the pool.
        time.Advance(TimeSpan.FromSeconds(10));

        (await sendB).Status.Should().Be(SendStatus.Sent, "A's connection was idle long before MaxMailboxWait ran out");
        serverB.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task Send_ClosingAnotherMailboxsIdleConnectionToMakeRoom_DoesNotWaitForItsServersGoodbye()
    {
        // Review: making room awaited the goodbye (QUIT) to the closed connection's server, up to five seconds, so a mailbox
        // whose server stopped answering held up another account's send.
        await using var quiet = new QuietAtQuitSmtpServer();
        await using var serverB = await LoopbackSmtpServer.StartAsync();
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(quiet.Port, "a@a.test"), [B] = Senders.Mailbox(serverB.Port, "b@b.test") };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials(), o => o.MaxConnections = 1);
        (await sender.SendAsync(Emails.For(A, 1), Senders.Within())).Status.Should().Be(SendStatus.Sent);

        var sentB = await sender.SendAsync(Emails.For(B, 1), Senders.Within()); // Room is made by closing A's idle connection.
        var closedBeforeBWasSent = quiet.Closed.IsCompleted;
        await quiet.QuitReceived.WaitAsync(TimeSpan.FromSeconds(10));
        await quiet.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        sentB.Status.Should().Be(SendStatus.Sent);
        closedBeforeBWasSent.Should().BeFalse("B's send went while A's server still had not answered the goodbye");
        quiet.Messages.Should().Be(1);
    }

    [Fact]
    public async Task Send_SharedMailboxBusy_TheErrorNamesTheSendersAccountNotTheFirstToUseIt()
    {
        // Review: the single mailbox of SmtpEmailOptions is one pool for every account, named after the first account that
        // used it, so another account's busy send was reported (and stored in its outcome) as that first account's.
        await using var silent = new SilentSmtpServer();
        await using var sender = Senders.Create(Senders.OptionsFor(silent.Port, o =>
        {
            (o.MaxConnectionsPerMailbox, o.MaxMailboxWait, o.Timeout) = (1, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(2));
        }));

        var hanging = sender.SendAsync(Emails.For(A, 1), Senders.Within(120));
        await silent.Accepted.WaitAsync(TimeSpan.FromSeconds(10));
        var act = () => sender.SendAsync(Emails.For(B, 1), Senders.Within());

        (await act.Should().ThrowAsync<SendNotStartedException>()).Which.Message.Should()
            .Contain($"account '{B}'").And.NotContain(A).And.Contain("FollowUps:Smtp:MaxMailboxWait");
        hanging.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Send_SharedMailboxsTokenProviderThrows_TheErrorNamesNoOtherAccount()
    {
        await using var server = new Xoauth2SmtpServer("ya29.a0-test-access-token");
        await using var sender = Senders.Create(Senders.OptionsFor(server.Port, o =>
        {
            o.UserName = Senders.FromAddress;
            o.AccessTokenProvider = _ => throw new InvalidOperationException("the token store is offline");
        }));

        await FluentActions.Awaiting(() => sender.SendAsync(Emails.For(A, 1), Senders.Within())).Should().ThrowAsync<SendNotStartedException>();
        var second = await FluentActions.Awaiting(() => sender.SendAsync(Emails.For(B, 1), Senders.Within())).Should().ThrowAsync<SendNotStartedException>();

        second.Which.Message.Should().NotContain(A).And.Contain("FollowUps:Smtp:AccessTokenProvider");
    }

    [Fact]
    public async Task Send_ARetiredMailboxsConnectionCloses_TheSendWaitingForAPlaceDoesNotWaitForItsServersGoodbye()
    {
        // Review: a connection of a mailbox that changed or was invalidated gave its place under MaxConnections only once
        // its server answered the goodbye (up to five seconds), so another account's send waiting for a place waited too.
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var quiet = new QuietAtQuitSmtpServer();
        await using var serverB = await LoopbackSmtpServer.StartAsync();
        var mailboxes = new TestMailboxes { [A] = Senders.Mailbox(quiet.Port, "a@a.test"), [B] = Senders.Mailbox(serverB.Port, "b@b.test") };
        await using var sender = Senders.ForAccounts(mailboxes, new TestCredentials(), o => (o.MaxConnections, o.MaxMailboxWait) = (1, TimeSpan.FromSeconds(10)), time);
        quiet.HoldMessages();
        var sendA = sender.SendAsync(Emails.For(A, 1), Senders.Within());
        await quiet.MessageArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await sender.OnAccountInvalidatedAsync(A, CancellationToken.None); // A's connection closes when its send ends.

        var sendB = sender.SendAsync(Emails.For(B, 1), Senders.Within()); // The only place is A's: B waits for it.
        quiet.ReleaseMessage.SetResult();
        var sentB = await sendB;
        var closedBeforeBWasSent = quiet.Closed.IsCompleted;
        await quiet.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        sentB.Status.Should().Be(SendStatus.Sent);
        (await sendA).Status.Should().Be(SendStatus.Sent);
        closedBeforeBWasSent.Should().BeFalse("B's send went while A's server still had not answered the goodbye");
    }
}
