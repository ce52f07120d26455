using Xunit;

namespace FollowUps.Testing;

/// <summary>The outbox's promises about moving a follow-up on: compare-and-set and cancellation.</summary>
public abstract partial class FollowUpStoreContract
{
    /// <summary>A move from the state and owner the store holds is written whole; the claim's own fields stay.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_FromTheStoredStateAndOwner_WritesTheMovingFields()
    {
        var store = await CreateStoreAsync();
        var sending = await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms));
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Failed, Reason = OutcomeReason.TransientFailure, Detail = "429 Too Many Requests", Recipient = "+14155552671" };
        var waiting = sending with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = CompletedAt.AddMinutes(5), WaitReason = WaitReason.ProviderLimit, Outcome = outcome };

        Assert.True(await store.TryUpdateAsync(sending, waiting with { CallId = "not-written", Deadline = CompletedAt }, CancellationToken.None));

        AssertSame(waiting, await store.FindAsync(sending.Key, CancellationToken.None));
    }

    /// <summary>A move from a state or owner the store no longer holds is refused and changes nothing: two workers never both move one follow-up.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_FromAStaleStateOrOwner_IsRefused()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Sms);
        var sending = await StartSendingAsync(store, claimed);

        Assert.False(await store.TryUpdateAsync(claimed, claimed with { State = FollowUpState.Sending, Attempts = 1 }, CancellationToken.None));
        Assert.False(await store.TryUpdateAsync(sending with { LeaseOwner = "someone-else" }, sending with { State = FollowUpState.Sent }, CancellationToken.None));
        AssertSame(sending, await store.FindAsync(claimed.Key, CancellationToken.None));
    }

    /// <summary>A move that expects an owner is refused when nobody holds the follow-up: a missing owner is not a wildcard.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_ExpectingAnOwnerWhenNoneIsStored_IsRefused()
    {
        var store = await CreateStoreAsync();
        var queued = await ClaimAtAsync(store, ClaimedAt, owner: null);

        Assert.False(await store.TryUpdateAsync(queued with { LeaseOwner = "worker-1" }, queued with { State = FollowUpState.Sending, Attempts = 1, LeaseOwner = "worker-1" }, CancellationToken.None));
        AssertSame(queued, await store.FindAsync(queued.Key, CancellationToken.None));
    }

    /// <summary>A move that expects nobody to hold the follow-up is refused when someone does.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_ExpectingNoOwnerWhenOneIsStored_IsRefused()
    {
        var store = await CreateStoreAsync();
        var held = await ClaimAsync(store, FollowUpKind.Sms);

        Assert.False(await store.TryUpdateAsync(held with { LeaseOwner = null }, held with { State = FollowUpState.Sending, Attempts = 1, LeaseOwner = "worker-1" }, CancellationToken.None));
        AssertSame(held, await store.FindAsync(held.Key, CancellationToken.None));
    }

    /// <summary>Of many workers racing to start one send, exactly one moves it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_ConcurrentStarts_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Email);

        var started = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            store.TryUpdateAsync(claimed, claimed with { State = FollowUpState.Sending, Attempts = 1, LeaseOwner = $"worker-{i}" }, CancellationToken.None))));

        Assert.Single(started, won => won);
    }

    /// <summary>
    /// As soon as a send's outcome can be read, a delivery report by its message id finds it: the provider can call back
    /// within milliseconds, and a report read as for an unknown message is lost.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_SentOutcomeReadable_ReportByItsMessageIdFindsIt()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 200; i++)
        {
            var sending = await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms));
            var messageId = NewId("SM");
            var sent = Ended(sending, FollowUpState.Sent, new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = messageId });
            var settling = Task.Run(() => store.TryUpdateAsync(sending, sent, CancellationToken.None));
            while ((await store.FindAsync(sent.Key, CancellationToken.None))?.Outcome is null)
            {
                // Spin, not wait: the report must come in the instant the outcome shows, as a fast provider's would.
            }

            Assert.Equal(DeliveryUpdate.Applied, await store.RecordDeliveryAsync(new() { ProviderMessageId = messageId, Status = DeliveryStatus.Sent, ReceivedAt = CompletedAt }, CancellationToken.None));
            Assert.True(await settling);
        }
    }

    /// <summary>
    /// A record read before another attempt went out is stale even when the state and owner match again (unknown, nobody
    /// holding it): a write from it loses, so it never rolls the follow-up back to an earlier attempt.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_FromARecordOfAnEarlierAttempt_Loses()
    {
        var store = await CreateStoreAsync();
        var first = await MoveAsync(store, await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms)), r => Ended(r, FollowUpState.Unknown, UnknownOutcome(r)) with { CompletedAt = null });
        var retry = await MoveAsync(store, first, r => r with { State = FollowUpState.Waiting, DueAt = CompletedAt, WaitReason = WaitReason.Retry });
        var second = await MoveAsync(store, await StartSendingAsync(store, retry), r => Ended(r, FollowUpState.Unknown, UnknownOutcome(r)) with { CompletedAt = null });

        var written = await store.TryUpdateAsync(first, first with { Outcome = UnknownOutcome(first) with { Detail = "Written from a stale read." } }, CancellationToken.None);

        Assert.False(written);
        AssertSame(second, await store.FindAsync(first.Key, CancellationToken.None));
    }

    /// <summary>
    /// An operator's cancel request, once written, stays: the sender that holds the follow-up settles it from its own copy
    /// (without the request), and the request must survive that move for the retry or the provider's answer to honour it.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_CancelRequest_IsKeptByLaterMovesWithoutIt()
    {
        var store = await CreateStoreAsync();
        var sending = await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms));
        var request = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Unknown, Reason = OutcomeReason.OperatorDecision, Detail = "By hand, to be cancelled unless it went, by ops: paused.", DecidedBy = "ops" };
        var requested = await MoveAsync(store, sending, r => r with { CancelRequest = request, Outcome = request });
        AssertSame(requested, await store.FindAsync(sending.Key, CancellationToken.None));

        var settled = await store.TryUpdateAsync(sending, Ended(sending, FollowUpState.Unknown, UnknownOutcome(sending)) with { CompletedAt = null }, CancellationToken.None);

        Assert.True(settled);
        var after = await store.FindAsync(sending.Key, CancellationToken.None);
        Assert.Equal((FollowUpState.Unknown, request), (after?.State, after?.CancelRequest));
    }

    /// <summary>
    /// Cancelling by a contact's identifier ends its follow-ups that have not started to send, in its account only, and
    /// leaves the sending, sent and others' alone.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CancelPending_ByATarget_CancelsOnlyThatContactsUnsentFollowUps()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Sms);
        var account = claimed.Key.AccountId;
        var waiting = await MoveAsync(store, await StartSendingAsync(store, await ClaimForAsync(store, claimed.Key with { Kind = FollowUpKind.Email })), r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = CompletedAt, WaitReason = WaitReason.Retry });
        var sending = await StartSendingAsync(store, await ClaimForAsync(store, claimed.Key with { Kind = FollowUpKind.MissedCallEmail }));
        var otherContact = await ClaimForAsync(store, claimed.Key with { ContactId = "someone-else" }, phone: "+12125550100");
        var otherAccount = await ClaimForAsync(store, claimed.Key with { AccountId = NewId("account") });
        var outcome = FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.Suppressed, "The contact replied STOP.");

        var cancelled = await store.CancelPendingAsync(account, [new(SuppressionTargetKind.Phone, "+14155552671")], outcome, CompletedAt, CancellationToken.None);

        Assert.Equal([claimed.Key, waiting.Key], cancelled.Select(r => r.Key).OrderBy(k => k.Kind));
        foreach (var key in new[] { claimed.Key, waiting.Key })
        {
            var record = await store.FindAsync(key, CancellationToken.None);
            Assert.Equal((FollowUpState.Cancelled, OutcomeReason.Suppressed, key.Kind, (string?)null), (record?.State, record?.Outcome?.Reason, record?.Outcome?.Kind, record?.LeaseOwner));
        }

        Assert.Equal(FollowUpState.Sending, (await store.FindAsync(sending.Key, CancellationToken.None))?.State);
        Assert.Equal(FollowUpState.Claimed, (await store.FindAsync(otherContact.Key, CancellationToken.None))?.State);
        Assert.Equal(FollowUpState.Claimed, (await store.FindAsync(otherAccount.Key, CancellationToken.None))?.State);
    }

    /// <summary>
    /// A waiting retry whose last attempt the provider reported went, after all: cancelling leaves it alone, to be
    /// recorded as sent, rather than saying it was cancelled before it went.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CancelPending_WaitingRetryWhoseLastAttemptWasReported_IsLeftToBeRecordedAsSent()
    {
        var store = await CreateStoreAsync();
        var waiting = await MoveAsync(store, await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms)), r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = CompletedAt.AddMinutes(5), WaitReason = WaitReason.Retry });
        var report = new DeliveryReport { Key = waiting.Key, Attempt = 1, ProviderMessageId = NewId("SM"), Status = DeliveryStatus.Delivered, ReceivedAt = CompletedAt };
        Assert.Equal(DeliveryUpdate.Applied, await store.RecordDeliveryAsync(report, CancellationToken.None));
        var outcome = FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.Suppressed, "The contact replied STOP.");

        var cancelled = await store.CancelPendingAsync(waiting.Key.AccountId, [new(SuppressionTargetKind.Phone, "+14155552671")], outcome, CompletedAt, CancellationToken.None);

        Assert.DoesNotContain(cancelled, r => r.Key == waiting.Key);
        Assert.Equal((FollowUpState.Waiting, DeliveryStatus.Delivered), ((await store.FindAsync(waiting.Key, CancellationToken.None))?.State, (await store.FindAsync(waiting.Key, CancellationToken.None))?.Delivery?.Status));
    }

    /// <summary>
    /// A cancelled follow-up records the given outcome with its own kind and the time it ended, and nobody holds it or
    /// waits for it any more; the records returned are as stored.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CancelPending_HeldAndWaiting_RecordTheOutcomeOfTheirKindAndEndTheLease()
    {
        var store = await CreateStoreAsync();
        var held = await ClaimAsync(store, FollowUpKind.Email);
        var waiting = await MoveAsync(store, await StartSendingAsync(store, await ClaimForAsync(store, held.Key with { Kind = FollowUpKind.Sms })), r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = CompletedAt.AddMinutes(5), WaitReason = WaitReason.Retry });
        var outcome = FollowUpOutcome.Skipped(FollowUpKind.MissedCallEmail, OutcomeReason.Suppressed, "The contact replied STOP.");
        var at = CompletedAt.AddMinutes(1);

        var cancelled = await store.CancelPendingAsync(held.Key.AccountId, [new(SuppressionTargetKind.ContactId, held.Key.ContactId)], outcome, at, CancellationToken.None);

        foreach (var before in new[] { held, waiting })
        {
            var expected = before with { State = FollowUpState.Cancelled, LeaseOwner = null, LeaseExpiresAt = null, DueAt = null, WaitReason = WaitReason.None, CompletedAt = at, Outcome = outcome with { Kind = before.Key.Kind } };
            AssertSame(expected, cancelled.SingleOrDefault(r => r.Key == before.Key));
            AssertSame(expected, await store.FindAsync(before.Key, CancellationToken.None));
        }
    }

    /// <summary>A follow-up is cancelled once: a second cancellation returns nothing and keeps the first one's outcome and time.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CancelPending_Twice_SecondCancelsNothing()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Sms);
        var target = new SuppressionTarget(SuppressionTargetKind.ContactId, claimed.Key.ContactId);
        var first = (await store.CancelPendingAsync(claimed.Key.AccountId, [target], FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.Suppressed, "STOP"), CompletedAt, CancellationToken.None)).Single();

        var second = await store.CancelPendingAsync(claimed.Key.AccountId, [target], FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.Suppressed, "Again"), CompletedAt.AddHours(1), CancellationToken.None);

        Assert.Empty(second);
        AssertSame(first, await store.FindAsync(claimed.Key, CancellationToken.None));
    }

    private static async Task<FollowUpRecord> ClaimAtAsync(IFollowUpStore store, DateTimeOffset at, string? owner = "claimer")
    {
        var claim = Claim(NewKey(FollowUpKind.Sms), at) with { LeaseOwner = owner is null ? null : NewId(owner), LeaseExpiresAt = owner is null ? null : at.AddMinutes(1) };
        Assert.True((await store.ClaimAsync(claim, CancellationToken.None)).Won);
        return claim;
    }

    private static async Task<FollowUpRecord> ClaimForAsync(IFollowUpStore store, FollowUpKey key, string phone = "+14155552671")
    {
        var claim = Claim(key) is var c ? c with { Targets = [new(SuppressionTargetKind.ContactId, key.ContactId), new(SuppressionTargetKind.Phone, phone)] } : c;
        Assert.True((await store.ClaimAsync(claim, CancellationToken.None)).Won);
        return claim;
    }

    private static async Task<FollowUpRecord> MoveAsync(IFollowUpStore store, FollowUpRecord current, Func<FollowUpRecord, FollowUpRecord> change)
    {
        var next = change(current);
        Assert.True(await store.TryUpdateAsync(current, next, CancellationToken.None));
        return next;
    }

    private static FollowUpOutcome UnknownOutcome(FollowUpRecord record) =>
        new() { Kind = record.Key.Kind, Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer, Detail = "No answer within 30 seconds." };
}
