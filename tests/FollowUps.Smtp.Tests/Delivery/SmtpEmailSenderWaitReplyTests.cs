using FollowUps.Smtp.Tests.Support;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// The replies that say "not now" (421, 432, 450, 452) are transient failures with a window to wait, not left to the
/// retry policy's backoff. Texts are the providers' own.
/// </summary>
public sealed class SmtpEmailSenderWaitReplyTests
{
    [Theory]
    [InlineData(421, "4.7.0 Try again later, closing connection. - gsmtp", 60)]
    [InlineData(432, "4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded", 60)]
    [InlineData(450, "4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered.", 300)]
    [InlineData(452, "4.2.2 The email account that you tried to reach is over quota.", 900)]
    public async Task Send_ReplyToTheMessageAsksToWait_RetryLaterWithTheReplysWindow(int code, string text, int seconds)
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.AnswerNextMessage(code, text);
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(seconds));
        result.Error.Should().Be($"{code} {text}");
    }

    [Theory]
    [InlineData(450, "4.2.0 Greylisted, please try again in 300 seconds", 300)]
    [InlineData(452, "4.5.3 Insufficient system storage", 900)]
    [InlineData(432, "4.3.2 Concurrent connections limit exceeded", 60)]
    public async Task Send_RecipientRefusedForNow_RetryLaterWithTheReplysWindow(int code, string text, int seconds)
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var message = Emails.Create(1);
        server.RefuseRecipient(message.To, code, text);
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(message, Senders.Within());

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(seconds));
        server.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_421BeforeTheDataOnBothConnections_RetryLaterForAMinute()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        var message = Emails.Create(1);
        server.RefuseRecipient(message.To, 421, "4.7.0 Too many connections, try again later");
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(message, Senders.Within());

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.RetryAfter.Should().Be(TimeSpan.FromMinutes(1));
        result.Error.Should().Contain("421 4.7.0 Too many connections, try again later");
        server.Sessions.Should().Be(2, "a 421 closes the connection, so the message is tried once more on a new one first");
        server.Received.Should().BeEmpty();
    }
}
