using FollowUps.Smtp.Tests.Support;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// What is sent again after a broken connection: only a message whose data never started to go out. A break after that
/// is unknown, never resent; the server's own answer to the message stays a transient or permanent failure.
/// </summary>
public sealed class SmtpEmailSenderResendTests
{
    [Fact]
    public async Task Send_ConnectionDroppedAtMailFrom_ReconnectsAndTheServerGetsTheMessageOnce()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        server.DropConnectionAtNextMailFrom();

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent);
        server.Received.Should().ContainSingle().Which.Message.MessageId.Should().Be(result.ProviderMessageId);
        server.Sessions.Should().Be(2);
    }

    [Fact]
    public async Task Send_ConnectionDroppedBefore354_ReconnectsAndTheServerGetsTheMessageOnce()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        server.DropConnectionAtNextData();

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent);
        server.Received.Should().ContainSingle().Which.Message.MessageId.Should().Be(result.ProviderMessageId);
        server.DataCommands.Should().Be(2, "the first DATA got no 354, so no message data went out on it");
        server.Sessions.Should().Be(2);
    }

    [Fact]
    public async Task Send_ConnectionDroppedAfterTheServerTookTheMessage_UnknownAndNotResent()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        server.DropConnectionAfterNextMessage();

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.Unknown);
        result.ProviderMessageId.Should().BeNull();
        result.Error.Should().Contain("may have taken the message").And.Contain("not sent again");
        server.Received.Should().ContainSingle();
        server.DataCommands.Should().Be(1);
    }

    [Fact]
    public async Task Send_AfterAnUnknownSend_TheNextMessageGoesOutOnANewConnection()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        server.DropConnectionAfterNextMessage();

        var unknown = await sender.SendAsync(Emails.Create(1), Senders.Within());
        var next = await sender.SendAsync(Emails.Create(2), Senders.Within());

        unknown.Status.Should().Be(SendStatus.Unknown);
        next.Status.Should().Be(SendStatus.Sent);
        server.Received.Select(r => r.EnvelopeTo.Single()).Should().Equal("contact1@example.com", "contact2@example.com");
        server.Sessions.Should().Be(2);
    }

    [Fact]
    public async Task Send_NoAnswerToTheFinalDotWithinTheTimeout_UnknownAndNotResent()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server, o => o.Timeout = TimeSpan.FromSeconds(1));
        server.HoldNextMessage();

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.Unknown);
        result.Error.Should().Contain("not sent again");
        server.Received.Should().ContainSingle();
        server.DataCommands.Should().Be(1);
    }

    [Fact]
    public async Task Send_CallerCancelsAfterTheMessageDataWentOut_UnknownInsteadOfThrowing()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        using var cancel = new CancellationTokenSource();
        server.HoldNextMessage();

        var sending = sender.SendAsync(Emails.Create(1), cancel.Token);
        await server.MessageHeld.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        result.Status.Should().Be(SendStatus.Unknown);
        result.Error.Should().Contain("cancelled");
        server.Received.Should().ContainSingle();
    }

    [Theory]
    [InlineData(450, "4.2.1 The user you are trying to contact is receiving mail too quickly.")]
    [InlineData(451, "4.3.0 Mail server temporarily rejected message.")]
    public async Task Send_Recipient4xx_TransientFailureNothingResent(int code, string text)
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.RefuseRecipient("busy@example.com", code, text);
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1, to: "busy@example.com"), Senders.Within());

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.Error.Should().StartWith($"{code} {text}");
        server.DataCommands.Should().Be(0);
        server.Sessions.Should().Be(1);
    }

    [Fact]
    public async Task Send_FinalDotAnswered451_TransientFailureNotUnknown()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.AnswerNextMessage(451, "4.3.0 Mail server temporarily rejected message.");
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.TransientFailure, "the server answered: it did not take the message");
        server.DataCommands.Should().Be(1);
    }
}
