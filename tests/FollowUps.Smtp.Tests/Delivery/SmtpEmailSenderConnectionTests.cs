using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>Connections kept and reused (at most <see cref="SmtpEmailOptions.MaxConnectionsPerMailbox"/>); a dropped one is replaced and the batch goes on.</summary>
public sealed class SmtpEmailSenderConnectionTests
{
    [Fact]
    public async Task Send_TenMessages_OpenOneConnection()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        for (var n = 1; n <= 10; n++)
        {
            (await sender.SendAsync(Emails.Create(n), Senders.Within())).Status.Should().Be(SendStatus.Sent);
        }

        server.Sessions.Should().Be(1);
        server.Received.Should().HaveCount(10).And.OnlyContain(r => r.SessionId == server.Received[0].SessionId);
    }

    [Fact]
    public async Task Send_ManyConcurrently_WithOneConnectionPerMailbox_ShareIt()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server, o => (o.MaxConnectionsPerMailbox, o.MaxMailboxWait) = (1, TimeSpan.FromSeconds(30)));

        var results = await Task.WhenAll(Enumerable.Range(1, 12).Select(n => Task.Run(() => sender.SendAsync(Emails.Create(n), Senders.Within()))));

        results.Should().OnlyContain(r => r.Status == SendStatus.Sent);
        server.Sessions.Should().Be(1);
    }

    [Fact]
    public async Task Send_ManyConcurrently_UseAtMostMaxConnectionsPerMailbox()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server, o => o.MaxMailboxWait = TimeSpan.FromSeconds(30));

        var results = await Task.WhenAll(Enumerable.Range(1, 12).Select(n => Task.Run(() => sender.SendAsync(Emails.Create(n), Senders.Within()))));

        results.Should().OnlyContain(r => r.Status == SendStatus.Sent);
        server.Sessions.Should().BeInRange(1, 2, "the default is two connections per mailbox, opened only when a send finds none idle");
        server.Received.Should().HaveCount(12);
    }

    [Fact]
    public async Task Send_ServerClosedIdleConnection_ReconnectsAndEveryMessageArrivesOnce()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { CommandWaitTimeout = TimeSpan.FromSeconds(1) });
        await using var sender = Senders.Create(server, o => (o.MaxConnectionsPerMailbox, o.MaxMailboxWait) = (1, TimeSpan.FromSeconds(30)));

        var before = await Task.WhenAll(SendAsync(sender, 1, 2, 3));
        await server.WaitForSessionEndAsync();
        var after = await Task.WhenAll(SendAsync(sender, 4, 5, 6));

        before.Concat(after).Should().OnlyContain(r => r.Status == SendStatus.Sent);
        server.Sessions.Should().Be(2);
        server.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal(Enumerable.Range(1, 6).Select(n => $"contact{n}@example.com"));
    }

    [Fact]
    public async Task Send_ServerHangsUpWith421MidBatch_BatchContinuesAndEveryMessageArrivesOnce()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new() { HangUpAfterMessages = 3 });
        await using var sender = Senders.Create(server);

        var results = new List<SendResult>();
        for (var n = 1; n <= 8; n++)
        {
            results.Add(await sender.SendAsync(Emails.Create(n), Senders.Within()));
        }

        results.Should().OnlyContain(r => r.Status == SendStatus.Sent);
        server.Sessions.Should().Be(3, "8 messages at 3 per connection need three connections");
        server.Received.Select(r => r.Message.MessageId).Should().OnlyHaveUniqueItems().And.HaveCount(8);
        server.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal(Enumerable.Range(1, 8).Select(n => $"contact{n}@example.com"));
    }

    [Fact]
    public async Task Send_Cancelled_ThrowsAndTheNextSendStillGoesThrough()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => sender.SendAsync(Emails.Create(1), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await sender.SendAsync(Emails.Create(2), Senders.Within())).Status.Should().Be(SendStatus.Sent);
    }

    [Fact]
    public async Task DisposeAsync_AfterSends_ClosesTheConnectionAndRefusesMoreSends()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var sender = Senders.Create(server);
        await sender.SendAsync(Emails.Create(1), Senders.Within());

        await sender.DisposeAsync();
        await server.WaitForSessionEndAsync();

        var act = () => sender.SendAsync(Emails.Create(2), Senders.Within());
        (await act.Should().ThrowAsync<SendNotStartedException>()).WithInnerException<ObjectDisposedException>();
    }

    private static IEnumerable<Task<SendResult>> SendAsync(SmtpEmailSender sender, params int[] numbers)
        => numbers.Select(n => sender.SendAsync(Emails.Create(n), Senders.Within()));
}
