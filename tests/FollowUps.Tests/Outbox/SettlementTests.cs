using FollowUps.Outbox;

namespace FollowUps.Tests.Outbox;

/// <summary>The one table from a send's result to the follow-up's next state, row by row, and the retry delay.</summary>
public sealed class SettlementTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly FollowUpDeliveryOptions Options = new();
    private static readonly FollowUpKey Key = new("a", "c", "p", FollowUpKind.Sms);

    public static TheoryData<OutcomeStatus, OutcomeReason, FollowUpState, WaitReason> Table => new()
    {
        { OutcomeStatus.Sent, OutcomeReason.None, FollowUpState.Sent, WaitReason.None },
        { OutcomeStatus.Failed, OutcomeReason.PermanentFailure, FollowUpState.Failed, WaitReason.None },
        { OutcomeStatus.Failed, OutcomeReason.RecipientOptedOut, FollowUpState.Failed, WaitReason.None },
        { OutcomeStatus.Unknown, OutcomeReason.NoProviderAnswer, FollowUpState.Unknown, WaitReason.None },
        { OutcomeStatus.Unknown, OutcomeReason.SenderError, FollowUpState.Unknown, WaitReason.None },
        { OutcomeStatus.Failed, OutcomeReason.TransientFailure, FollowUpState.Waiting, WaitReason.Retry },
        { OutcomeStatus.Failed, OutcomeReason.CredentialsRefused, FollowUpState.Waiting, WaitReason.CredentialsCoolDown },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Next_EachResult_MovesToItsState(OutcomeStatus status, OutcomeReason reason, FollowUpState state, WaitReason wait)
    {
        var next = Settlement.Next(Sending(attempts: 1), Outcome(status, reason), retryAfter: null, Now, Options);

        next.Should().BeEquivalentTo(new { State = state, WaitReason = wait, LeaseOwner = (string?)null, LeaseExpiresAt = (DateTimeOffset?)null });
        next.Outcome.Should().Be(Outcome(status, reason));
        if (state == FollowUpState.Waiting)
        {
            next.DueAt.Should().BeAfter(Now);
        }
        else
        {
            next.DueAt.Should().Be(state == FollowUpState.Unknown ? Now + Options.ReconcileInterval : null, "an unknown send is asked about after the reconcile interval");
        }
        next.CompletedAt.Should().Be(state is FollowUpState.Waiting or FollowUpState.Unknown ? null : Now);
    }

    [Fact]
    public void Next_TransientWithAProviderWindow_WaitsThatLong()
    {
        var next = Settlement.Next(Sending(attempts: 1), Outcome(OutcomeStatus.Failed, OutcomeReason.TransientFailure), TimeSpan.FromMinutes(3), Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Waiting, WaitReason = WaitReason.ProviderLimit, DueAt = Now.AddMinutes(3) });
    }

    [Theory]
    [InlineData(8, 0, "it was tried 8 times, the most a follow-up gets")]
    [InlineData(1, 2, "its deadline passed")]
    public void Next_RetryPastTheLimitOrTheDeadline_Expires(int attempts, double hoursLeft, string why)
    {
        var sending = Sending(attempts) with { Deadline = Now.AddHours(hoursLeft).AddSeconds(5) };

        var next = Settlement.Next(sending, Outcome(OutcomeStatus.Failed, OutcomeReason.TransientFailure), hoursLeft > 0 ? TimeSpan.FromHours(3) : null, Now, Options);

        next.Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.Expired } });
        next.Outcome!.Detail.Should().StartWith($"Not sent: {why}");
    }

    [Fact]
    public void RetryDelay_IsAPureFunctionOfTheAttemptsAndTheKey_GrowingAndCapped()
    {
        var delays = Enumerable.Range(1, 12).Select(n => RetryDelay.After(n, Key, Options)).ToList();

        delays.Should().Equal(Enumerable.Range(1, 12).Select(n => RetryDelay.After(n, Key, Options)), "the same stored count gives the same delay, in any process");
        delays.Should().OnlyContain(d => d > TimeSpan.Zero && d <= Options.RetryMaxDelay);
        delays[^1].Should().Be(Options.RetryMaxDelay, "the twelfth retry is long past the cap");
        delays[4].Should().BeGreaterThan(delays[0] * 4, "delays grow exponentially");
        RetryDelay.After(3, Key with { ContactId = "other" }, Options).Should().NotBe(delays[2], "follow-ups that failed together do not retry together");
    }

    private static FollowUpRecord Sending(int attempts) => new()
    {
        Key = Key,
        CallId = "call-1",
        Targets = [],
        State = FollowUpState.Sending,
        Attempts = attempts,
        LeaseOwner = "worker",
        LeaseExpiresAt = Now.AddMinutes(2),
        ClaimedAt = Now.AddMinutes(-1),
        Deadline = Now.AddHours(23),
    };

    private static FollowUpOutcome Outcome(OutcomeStatus status, OutcomeReason reason) =>
        new() { Kind = FollowUpKind.Sms, Status = status, Reason = reason, Detail = reason == OutcomeReason.None ? null : "what the provider said" };
}
