namespace FollowUps.PostgreSql.Tests.Support;

/// <summary>Follow-ups to claim in tests that are not the store contract: an SMS to Ann, claimed at a time the test gives.</summary>
public static class SampleFollowUps
{
    /// <summary>A key no other test uses.</summary>
    public static FollowUpKey NewKey() => new($"account-{Guid.NewGuid():N}", "campaign-1", $"contact-{Guid.NewGuid():N}", FollowUpKind.Sms);

    /// <summary>An SMS follow-up claimed at <paramref name="now"/>, due then, held by <paramref name="owner"/> for <paramref name="lease"/> (none when no owner).</summary>
    public static FollowUpRecord Claim(DateTimeOffset now, string? owner = null, TimeSpan? lease = null)
    {
        var key = NewKey();
        return new FollowUpRecord
        {
            Key = key,
            CallId = "call-1",
            Targets = [new(SuppressionTargetKind.ContactId, key.ContactId), new(SuppressionTargetKind.Phone, "+14155552671")],
            Sms = new SmsMessage { Key = key, To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental. Book here: https://cal.example.com/x\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest },
            State = FollowUpState.Claimed,
            LeaseOwner = owner,
            LeaseExpiresAt = owner is null ? null : now + (lease ?? TimeSpan.FromMinutes(1)),
            DueAt = now,
            ClaimedAt = now,
            Deadline = now.AddHours(24),
        };
    }
}
