using FollowUps.Templates;

namespace FollowUps.Rules;

/// <summary>What the planner decided for one kind of follow-up.</summary>
internal abstract record Decision(FollowUpKind Kind);

/// <summary>Send nothing, for this reason.</summary>
internal sealed record Skip(FollowUpKind Kind, OutcomeReason Reason, string Detail) : Decision(Kind)
{
    /// <summary>
    /// The outcome this skip reports, made with it: a skip the rules keep (<see cref="NotAnswered"/>, a refused campaign)
    /// costs no outcome per call. Make a new skip for another reason or detail: a copy made with <c>with</c> keeps this one.
    /// </summary>
    public FollowUpOutcome Outcome { get; } = FollowUpOutcome.Skipped(Kind, Reason, Detail);
}

/// <summary>Send this template, with these slot values, to this E.164 number.</summary>
internal sealed record SendSms(string To, SmsTemplateKind Template, SmsSlotValues Slots) : Decision(FollowUpKind.Sms);

/// <summary>Send this email (a follow-up or a missed-call email) to this address.</summary>
internal sealed record SendEmail(FollowUpKind Kind, string To, EmailDraft Draft) : Decision(Kind);

/// <summary>One decision per kind.</summary>
internal sealed record FollowUpPlan(Decision Sms, Decision Email, Decision MissedCallEmail)
{
    public IEnumerable<Decision> All => [Sms, Email, MissedCallEmail];

    /// <summary>Whether any kind is to be sent.</summary>
    public bool HasSend => Sms is not Skip || Email is not Skip || MissedCallEmail is not Skip;

    public static FollowUpPlan SkipAll(OutcomeReason reason, string detail) => new(
        new Skip(FollowUpKind.Sms, reason, detail),
        new Skip(FollowUpKind.Email, reason, detail),
        new Skip(FollowUpKind.MissedCallEmail, reason, detail));
}
