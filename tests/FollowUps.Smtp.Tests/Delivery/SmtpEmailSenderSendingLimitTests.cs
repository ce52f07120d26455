using FollowUps.Smtp.Tests.Support;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// A provider's daily sending limit is answered with a 5xx code, yet it passes: such a reply is a transient failure that
/// says how long to wait, not a permanent one. Replies with the providers' own wording.
/// </summary>
public sealed class SmtpEmailSenderSendingLimitTests
{
    [Theory]
    [InlineData(550, "5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 - gsmtp")]
    [InlineData(550, "5.4.5 Daily user sending quota exceeded. - gsmtp")]
    [InlineData(554, "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a transient exception with message [BeginDiagnosticData]Cannot submit message.[EndDiagnosticData]")]
    public async Task Send_DailySendingLimitReply_RetryLaterInAnHourSayingTheWindowIsADay(int code, string text)
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.AnswerNextMessage(code, text);
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.TransientFailure);
        result.RetryAfter.Should().Be(TimeSpan.FromHours(1), "the rolling 24-hour window frees capacity as the oldest sends age out");
        result.Error.Should().Contain("daily sending limit").And.Contain("24 hours").And.Contain($"{code} {text}");
    }

    [Fact]
    public async Task Send_SendAsDeniedReply_PermanentFailureNamingTheSettingToFix()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        const string text = "5.2.0 STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message Cannot submit message.";
        server.AnswerNextMessage(554, text);
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        result.Error.Should().Contain("FollowUps:Smtp:FromAddress").And.Contain("Send As").And.Contain($"554 {text}");
    }

    [Fact]
    public async Task Send_OtherPermanentReplyWithA545LookingNumberInItsText_StaysPermanent()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.AnswerNextMessage(550, "5.7.1 Message rejected from 10.5.4.5 by policy");
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        result.Error.Should().Be("550 5.7.1 Message rejected from 10.5.4.5 by policy");
    }
}
