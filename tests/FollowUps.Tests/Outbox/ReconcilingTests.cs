using FollowUps.Outbox;

namespace FollowUps.Tests.Outbox;

/// <summary>How an unknown send is settled, row by row: found, absent, cannot tell, nobody to ask, and a delivery report as proof.</summary>
public sealed class ReconcilingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FollowUpDeliveryOptions Options = new();
    private static readonly FollowUpKey Key = new("a", "c", "p", FollowUpKind.Sms);
    private static readonly FollowUpOutcome Last = new() { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer, Detail = "No answer within 30 seconds.", Recipient = "+14155552671" };

    [Fact]
    public void Next_Found_IsSentWithTheProvidersId()
    {
        var next = Reconciling.Next(Unknown(), Last, Reconciliation.Found("SM-1", "Message SM-1 exists."), Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Sent, LeaseOwner = (string?)null, DueAt = (DateTimeOffset?)null, CompletedAt = Now, Attempts = 1 });
        next.Outcome.Should().Be(Last with { Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = "SM-1", Detail = "Message SM-1 exists." });
    }

    [Fact]
    public void Next_Absent_WaitsForANewAttemptDueNow()
    {
        var next = Reconciling.Next(Unknown(), Last, Reconciliation.Absent("No message to the number."), Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Waiting, WaitReason = WaitReason.Retry, DueAt = Now, LeaseOwner = (string?)null, CompletedAt = (DateTimeOffset?)null, Attempts = 1 });
        next.Outcome.Should().Be(Last with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.TransientFailure, Detail = "No message to the number. It is sent again." });
        OutboxRules.NeedsWorker(next, Now).Should().BeTrue("the new attempt goes with the next batch");
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(1, -1)]
    public void Next_AbsentOutOfAttemptsOrTime_ExpiresAsFailed(int attempts, int hoursLeft)
    {
        var unknown = Unknown(attempts) with { Deadline = Now.AddHours(hoursLeft) };

        var next = Reconciling.Next(unknown, Last, Reconciliation.Absent("No message to the number."), Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.Expired } });
        next.Outcome!.Detail.Should().StartWith("Not sent: ").And.EndWith("The last attempt: No message to the number.");
    }

    [Fact]
    public void Next_CannotTellWithATime_StaysUnknownAskedAgainThen()
    {
        var next = Reconciling.Next(Unknown(), Last, Reconciliation.CannotTell("It is still queued.", TimeSpan.FromMinutes(7)), Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, DueAt = Now.AddMinutes(7), LeaseOwner = (string?)null, LeaseExpiresAt = (DateTimeOffset?)null, CompletedAt = (DateTimeOffset?)null });
        next.Outcome.Should().Be(Last with { Detail = "It is still queued." });
    }

    [Fact]
    public void Next_CannotTell_AskedAgainAfterTheReconcileInterval()
    {
        var next = Reconciling.Next(Unknown(), Last, Reconciliation.CannotTell("Twilio answered 503."), Now, Options);

        next.DueAt.Should().Be(Now + Options.ReconcileInterval);
        OutboxRules.NeedsWorker(next, Now + Options.ReconcileInterval - TimeSpan.FromTicks(1)).Should().BeFalse();
        OutboxRules.NeedsWorker(next, Now + Options.ReconcileInterval).Should().BeTrue();
    }

    [Fact]
    public void Next_CannotTellUntilPastTheDeadline_AskedAgainAtTheDeadline()
    {
        var unknown = Unknown() with { Deadline = Now.AddMinutes(3) };

        var next = Reconciling.Next(unknown, Last, Reconciliation.CannotTell("It is still queued.", TimeSpan.FromMinutes(15)), Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, DueAt = Now.AddMinutes(3) });
    }

    [Fact]
    public void Next_CannotTellAtTheDeadline_ExpiresAsUnknown()
    {
        var unknown = Unknown() with { Deadline = Now };

        var next = Reconciling.Next(unknown, Last, Reconciliation.CannotTell("It is still queued."), Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Expired, CompletedAt = Now, Outcome = new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.Expired } });
        next.Outcome!.Detail.Should().EndWith("The last attempt: It is still queued.");
    }

    [Fact]
    public void Rest_BeforeTheDeadline_StaysUnknownAndIsLookedAtAgainAfterTheInterval()
    {
        var unknown = Unknown() with { Deadline = Now.AddHours(5) };

        var next = Reconciling.Rest(unknown, Last, Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, DueAt = Now + Options.ReconcileInterval, LeaseOwner = (string?)null, Outcome = unknown.Outcome });
    }

    [Fact]
    public void Rest_AtTheDeadline_ExpiresAsUnknown()
    {
        var next = Reconciling.Rest(Unknown() with { Deadline = Now }, Last, Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.Expired } });
    }

    [Fact]
    public void FromDelivery_ReportOfTheLastAttempt_IsFoundWithItsMessage()
    {
        var unknown = Unknown(attempts: 2) with { Delivery = Report("SM-2", attempt: 2) };

        var proof = Reconciling.FromDelivery(unknown);

        proof.Should().BeEquivalentTo(new { Verdict = ReconciliationVerdict.Found, ProviderMessageId = "SM-2" });
        proof!.Detail.Should().Be("The provider reported message SM-2 of attempt 2 as Delivered, so it was sent.");
    }

    [Fact]
    public void FromDelivery_NoReportOrAnotherAttempts_IsNoProof()
    {
        Reconciling.FromDelivery(Unknown()).Should().BeNull();
        Reconciling.FromDelivery(Unknown(attempts: 2) with { Delivery = Report("SM-1", attempt: 1) }).Should().BeNull();
        Reconciling.FromDelivery(Unknown() with { Outcome = Last with { ProviderMessageId = "SM-1" }, Delivery = Report("SM-9", attempt: null) }).Should().BeNull();
    }

    /// <summary>Asked again less often as the send ages: half its age, from the interval up to an hour; the provider's own time, but never sooner than a tenth of the interval.</summary>
    [Theory]
    [InlineData(2, null, 60)]
    [InlineData(10, null, 300)]
    [InlineData(600, null, 3_600)]
    [InlineData(2, 900, 900)]
    [InlineData(2, 0, 6)]
    public void NextQuestion_ByTheSendsAgeOrTheProvidersTime(int minutesOld, int? toldSeconds, int expectedSeconds)
    {
        var unknown = Unknown() with { AttemptStartedAt = Now.AddMinutes(-minutesOld) };

        var after = Reconciling.NextQuestion(unknown, toldSeconds is { } told ? TimeSpan.FromSeconds(told) : null, Now, Options);

        after.Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    /// <summary>A day of cannot-tell answers asks some thirty times, not once a minute (each answer is a history entry).</summary>
    [Fact]
    public void Next_CannotTellForADay_AsksAboutThirtyTimes()
    {
        var unknown = Unknown() with { AttemptStartedAt = Now, ClaimedAt = Now, DueAt = Now.AddMinutes(1), Deadline = Now.AddHours(24) };
        var questions = 0;
        while (unknown.State == FollowUpState.Unknown)
        {
            var at = unknown.DueAt!.Value;
            unknown = Reconciling.Next(unknown, Last, Reconciliation.CannotTell("Twilio answered 503."), at, Options);
            questions++;
        }

        questions.Should().BeInRange(20, 40);
        unknown.State.Should().Be(FollowUpState.Expired);
    }

    /// <summary>An unknown follow-up an operator asked to cancel unless it went: absent, it is cancelled, not sent again.</summary>
    [Fact]
    public void Next_AbsentWhenAnOperatorAskedToCancelIt_IsCancelled()
    {
        var request = Last with { Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example", Detail = "By hand, to be cancelled unless it went, by ops@acme.example: Campaign paused." };
        var marked = Unknown() with { CancelRequest = request };

        var next = Reconciling.Next(marked, Last, Reconciliation.Absent("No message to the number."), Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Cancelled, Outcome = new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.OperatorDecision, DecidedBy = "ops@acme.example" } });
        next.Outcome!.Detail.Should().Be("No message to the number. It is not sent: By hand, to be cancelled unless it went, by ops@acme.example: Campaign paused.");
    }

    private static DeliveryReport Report(string id, int? attempt) => new() { ProviderMessageId = id, Status = DeliveryStatus.Delivered, Attempt = attempt, Key = Key, ReceivedAt = Now };

    private static FollowUpRecord Unknown(int attempts = 1) => new()
    {
        Key = Key,
        CallId = "call-1",
        Targets = [],
        State = FollowUpState.Unknown,
        Attempts = attempts,
        AttemptStartedAt = Now.AddMinutes(-2),
        LeaseOwner = "dispatcher",
        LeaseExpiresAt = Now.AddMinutes(2),
        DueAt = Now,
        ClaimedAt = Now.AddMinutes(-3),
        Deadline = Now.AddHours(23),
        Outcome = Last,
    };
}
