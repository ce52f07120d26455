using FollowUps.Rules;

namespace FollowUps.Tests.Rules;

/// <summary>Asserts a decision's shape, and says what the planner decided instead when it is not the expected one.</summary>
internal static class DecisionAssertions
{
    public static Skip ShouldSkip(this Decision decision, OutcomeReason reason)
    {
        var skip = decision.Should().BeOfType<Skip>("the planner decided {0}", Describe(decision)).Subject;
        skip.Reason.Should().Be(reason, "the planner decided {0}", Describe(decision));
        skip.Detail.Should().NotBeNullOrWhiteSpace("every skip explains itself");
        return skip;
    }

    public static SendSms ShouldSendSms(this Decision decision) =>
        decision.Should().BeOfType<SendSms>("the planner decided {0}", Describe(decision)).Subject;

    public static SendEmail ShouldSendEmail(this Decision decision) =>
        decision.Should().BeOfType<SendEmail>("the planner decided {0}", Describe(decision)).Subject;

    private static string Describe(Decision decision) =>
        decision is Skip skip ? $"{skip.Kind} skipped as {skip.Reason} (\"{skip.Detail}\")" : decision.ToString();
}
