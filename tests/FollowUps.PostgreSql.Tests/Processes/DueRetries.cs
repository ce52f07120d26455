using System.Globalization;

namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>
/// SMS follow-ups waiting for a retry that is due now, written through the store as the engine leaves them after a
/// temporary failure: claimed by a call, moved to sending (attempt 1), then to waiting with the failure as its outcome.
/// </summary>
internal static class DueRetries
{
    public const string CampaignId = "campaign-1";

    /// <summary>Writes <paramref name="count"/> due retries in <paramref name="accountId"/> (contacts <c>retry-0</c>, …) and returns their keys.</summary>
    public static async Task<IReadOnlyList<FollowUpKey>> SeedAsync(IFollowUpStore store, string accountId, int count)
    {
        var keys = Enumerable.Range(0, count)
            .Select(i => new FollowUpKey(accountId, CampaignId, string.Create(CultureInfo.InvariantCulture, $"retry-{i}"), FollowUpKind.Sms))
            .ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, cancellationToken) =>
        {
            var now = TimeProvider.System.GetUtcNow();
            var claimed = Claimed(key, now);
            (await store.ClaimAsync(claimed, cancellationToken)).Won.Should().BeTrue();
            var sending = claimed with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = now, DueAt = null };
            (await store.TryUpdateAsync(claimed, sending, cancellationToken)).Should().BeTrue();
            var waiting = sending with
            {
                State = FollowUpState.Waiting,
                LeaseOwner = null,
                LeaseExpiresAt = null,
                DueAt = now,
                WaitReason = WaitReason.Retry,
                Outcome = new FollowUpOutcome
                {
                    Kind = FollowUpKind.Sms,
                    Status = OutcomeStatus.Failed,
                    Reason = OutcomeReason.TransientFailure,
                    Detail = "The fake provider answered 503.",
                    Recipient = claimed.Sms!.To,
                    Template = SmsTemplateKind.MeetingRequest,
                },
            };
            (await store.TryUpdateAsync(sending, waiting, cancellationToken)).Should().BeTrue();
        });
        return keys;
    }

    private static FollowUpRecord Claimed(FollowUpKey key, DateTimeOffset now) => new()
    {
        Key = key,
        CallId = $"call-{key.ContactId}",
        Targets = [new(SuppressionTargetKind.ContactId, key.ContactId), new(SuppressionTargetKind.Phone, "+14155552671")],
        Sms = new SmsMessage { Key = key, To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental.\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest },
        State = FollowUpState.Claimed,
        LeaseOwner = $"call-{key.ContactId}",
        LeaseExpiresAt = now.AddMinutes(2),
        DueAt = now,
        ClaimedAt = now,
        Deadline = now.AddHours(24),
    };
}
