namespace FollowUps.Sqlite.Tests.Support;

/// <summary>Claims as the engine makes them, for the tests of this package.</summary>
public static class Claims
{
    public static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static FollowUpKey NewKey(FollowUpKind kind = FollowUpKind.Sms) =>
        new($"account-{Guid.NewGuid():N}", "campaign", $"contact-{Guid.NewGuid():N}", kind);

    /// <summary>An SMS claim of <paramref name="key"/> held by <paramref name="owner"/> for a minute.</summary>
    public static FollowUpRecord Sms(FollowUpKey key, string owner = "owner-1", DateTimeOffset? at = null)
    {
        var now = at ?? At;
        return new FollowUpRecord
        {
            Key = key,
            CallId = "call-1",
            Targets = [new(SuppressionTargetKind.ContactId, key.ContactId), new(SuppressionTargetKind.Phone, "+14155552671")],
            Sms = new SmsMessage { Key = key, To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental.\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest },
            State = FollowUpState.Claimed,
            LeaseOwner = owner,
            LeaseExpiresAt = now.AddMinutes(1),
            DueAt = now,
            ClaimedAt = now,
            Deadline = now.AddHours(24),
        };
    }
}
