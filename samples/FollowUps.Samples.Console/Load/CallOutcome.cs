namespace FollowUps.Samples.Load;

/// <summary>
/// What the engine reported for one measured call, kept as values: a run keeps no report object per call, which the
/// collector would copy as the run ages and count in the calls' latency (its pauses are the run's, not the engine's).
/// </summary>
/// <param name="ContactId">The report's contact (the call's own string).</param>
/// <param name="Sms">The SMS follow-up's status.</param>
/// <param name="Email">The email follow-up's status.</param>
/// <param name="MissedCallEmail">The missed-call email's status.</param>
/// <param name="SmsReason">Why the SMS went or did not (a do-not-contact call's is <see cref="OutcomeReason.Suppressed"/>).</param>
internal readonly record struct CallOutcome(string ContactId, OutcomeStatus Sms, OutcomeStatus Email, OutcomeStatus MissedCallEmail, OutcomeReason SmsReason)
{
    public static CallOutcome Of(FollowUpReport report) =>
        new(report.ContactId, report.Sms.Status, report.Email.Status, report.MissedCallEmail.Status, report.Sms.Reason);

    /// <summary>The status of the follow-up of <paramref name="kind"/>.</summary>
    public OutcomeStatus this[FollowUpKind kind] => kind switch
    {
        FollowUpKind.Sms => Sms,
        FollowUpKind.Email => Email,
        FollowUpKind.MissedCallEmail => MissedCallEmail,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a follow-up kind."),
    };

    /// <summary>Whether any of the call's follow-ups failed.</summary>
    public bool AnyFailed => Sms == OutcomeStatus.Failed || Email == OutcomeStatus.Failed || MissedCallEmail == OutcomeStatus.Failed;
}
