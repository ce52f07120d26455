using FollowUps.Rules;

namespace FollowUps.Tests.Rules;

public sealed class CallValidatorTests
{
    [Fact]
    public void FindProblem_CompleteCall_FindsNone()
    {
        CallValidator.FindProblem(Calls.Answered).Should().BeNull();
        CallValidator.FindProblem(Calls.Missed).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(IncompleteCalls))]
    public void FindProblem_IncompleteCall_NamesTheField(CallCompleted call, string problem)
    {
        CallValidator.FindProblem(call).Should().Be(problem);
    }

    public static TheoryData<CallCompleted, string> IncompleteCalls => new()
    {
        { Calls.Answered with { AccountId = null! }, "AccountId is required" },
        { Calls.Answered with { AccountId = " " }, "AccountId is required" },
        { Calls.Answered with { CampaignId = "" }, "CampaignId is required" },
        { Calls.Answered with { CallId = "\n" }, "CallId is required" },
        { Calls.Answered with { Contact = null! }, "Contact.Id is required" },
        { Calls.Answered.WithContact(c => c with { Id = "" }), "Contact.Id is required" },
        { Calls.Answered with { Status = (CallStatus)(-1) }, "Status -1 is not a call status" },
    };

    [Fact]
    public void FindProblem_SeveralProblems_ReportsTheFirstInFieldOrder()
    {
        var call = Calls.Answered with { CampaignId = "", CallId = "", Status = (CallStatus)9 };

        CallValidator.FindProblem(call).Should().Be("CampaignId is required");
    }
}
