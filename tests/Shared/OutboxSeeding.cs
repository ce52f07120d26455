namespace FollowUps.Tests.Shared;

/// <summary>
/// Puts follow-ups into an outbox the way the engine would, for tests about what happens afterwards (delivery reports,
/// later call attempts): a claim, and the end a send came to. Linked into each test project that seeds a store.
/// </summary>
internal static class OutboxSeeding
{
    /// <summary>Claims <paramref name="key"/> as a call would (held by a new owner, no message stored); whether it won.</summary>
    public static async Task<bool> TryClaimAsync(this IFollowUpStore store, FollowUpKey key, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        var claim = new FollowUpRecord
        {
            Key = key,
            CallId = "seeded-call",
            Targets = [new(SuppressionTargetKind.ContactId, key.ContactId)],
            State = FollowUpState.Claimed,
            LeaseOwner = Guid.NewGuid().ToString("N"),
            LeaseExpiresAt = claimedAt.AddMinutes(2),
            DueAt = claimedAt,
            ClaimedAt = claimedAt,
            Deadline = claimedAt.AddHours(24),
        };
        return (await store.ClaimAsync(claim, cancellationToken).ConfigureAwait(false)).Won;
    }

    /// <summary>Moves a claimed follow-up through sending to the state <paramref name="outcome"/> ends it in.</summary>
    public static async Task CompleteAsync(this IFollowUpStore store, FollowUpKey key, FollowUpOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var claimed = await store.FindAsync(key, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"Follow-up {key} was never claimed.");
        var sending = claimed with { State = FollowUpState.Sending, Attempts = claimed.Attempts + 1 };
        var state = outcome.Status switch
        {
            OutcomeStatus.Sent => FollowUpState.Sent,
            OutcomeStatus.Unknown => FollowUpState.Unknown,
            _ => FollowUpState.Failed,
        };
        if (!await store.TryUpdateAsync(claimed, sending, cancellationToken).ConfigureAwait(false)
            || !await store.TryUpdateAsync(sending, sending with { State = state, LeaseOwner = null, LeaseExpiresAt = null, DueAt = null, CompletedAt = completedAt, Outcome = outcome }, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Follow-up {key} moved while it was seeded.");
        }
    }
}
