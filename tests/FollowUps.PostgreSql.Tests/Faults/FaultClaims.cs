namespace FollowUps.PostgreSql.Tests.Faults;

/// <summary>SMS claims as the engine makes them, for the fault tests.</summary>
internal static class FaultClaims
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>An SMS claim for <paramref name="contact"/>, held by <c>owner-1</c> for a minute.</summary>
    public static FollowUpRecord Sms(string contact)
    {
        var key = new FollowUpKey("account-1", "campaign-1", contact, FollowUpKind.Sms);
        return new FollowUpRecord
        {
            Key = key,
            CallId = $"call-{contact}",
            Targets = [new(SuppressionTargetKind.ContactId, contact), new(SuppressionTargetKind.Phone, "+14155552671")],
            Sms = new SmsMessage { Key = key, To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental.\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest },
            State = FollowUpState.Claimed,
            LeaseOwner = "owner-1",
            LeaseExpiresAt = At.AddMinutes(1),
            DueAt = At,
            ClaimedAt = At,
            Deadline = At.AddHours(24),
        };
    }
}
