namespace FollowUps.Tests.Delivery;

/// <summary>Every failure has a sentence: when a sender gives none, the engine writes one naming the sender.</summary>
public sealed class SenderResultTests
{
    public static TheoryData<string, SendResult, OutcomeReason, string> Silent => new()
    {
        { "PermanentFailure(\"\")", SendResult.PermanentFailure(""), OutcomeReason.PermanentFailure, "RecordingSmsSender reported that the provider refused the message, without saying why." },
        { "TransientFailure(\"\")", SendResult.TransientFailure(""), OutcomeReason.TransientFailure, "RecordingSmsSender reported a temporary failure without saying why; nothing was sent." },
        { "TransientFailure(null)", new SendResult { Status = SendStatus.TransientFailure, Error = null }, OutcomeReason.TransientFailure, "RecordingSmsSender reported a temporary failure without saying why; nothing was sent." },
        { "RecipientOptedOut(\" \")", SendResult.RecipientOptedOut(" "), OutcomeReason.RecipientOptedOut, "RecordingSmsSender reported that the recipient opted out with the provider, without saying more." },
        { "Unknown(null!)", SendResult.Unknown(null!), OutcomeReason.NoProviderAnswer, "RecordingSmsSender got no answer from the provider and said nothing more; the message may or may not have left." },
        { "an undefined status", new SendResult { Status = (SendStatus)42 }, OutcomeReason.SenderError, "RecordingSmsSender returned no usable result; the request may have left, so it is not sent again blindly." },
    };

    /// <summary>Issue 9, item 4.</summary>
    [Theory]
    [MemberData(nameof(Silent))]
    public async Task HandleCallCompleted_SenderGivesNoExplanation_OutcomeStillHasASentenceNamingTheSender(string answer, SendResult result, OutcomeReason reason, string detail)
    {
        var harness = new EngineHarness(sms: _ => result);

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Reason.Should().Be(reason, answer);
        report.Sms.Detail.Should().StartWith(detail, "a retry adds when it is");
    }

    [Fact]
    public async Task HandleCallCompleted_SenderExplains_OutcomeKeepsItsWords()
    {
        var harness = new EngineHarness(email: _ => SendResult.PermanentFailure("550 5.1.1 no such user"));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Email.Should().BeEquivalentTo(new { Reason = OutcomeReason.PermanentFailure, Detail = "550 5.1.1 no such user" });
    }
}
