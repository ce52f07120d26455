using Xunit;

namespace FollowUps.Testing;

/// <summary>
/// The outbox's promises about a follow-up's history (the audit): an entry with each claim, change of state, attempt or
/// outcome, cancellation and delivery report, written with the change; none for a change of lease alone.
/// </summary>
public abstract partial class FollowUpStoreContract
{
    /// <summary>A key never claimed has no history.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_NeverClaimed_IsEmpty()
    {
        var store = await CreateStoreAsync();

        Assert.Empty(await store.ReadHistoryAsync(NewKey(FollowUpKind.Sms), CancellationToken.None));
    }

    /// <summary>A winning claim is the first entry, at the claim's time; a lost claim and a retried claim add none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_Claimed_OneEntryAtTheClaimAndNoneForLaterClaims()
    {
        var store = await CreateStoreAsync();
        var claim = await ClaimAsync(store, FollowUpKind.Sms);

        await store.ClaimAsync(claim, CancellationToken.None);
        await store.ClaimAsync(claim with { LeaseOwner = "another-claimer", CallId = "call-2" }, CancellationToken.None);

        var entry = Assert.Single(await store.ReadHistoryAsync(claim.Key, CancellationToken.None));
        Assert.Equal(new FollowUpHistoryEntry { At = ClaimedAt, State = FollowUpState.Claimed, Attempt = 0 }, entry);
    }

    /// <summary>
    /// Each update that changes the state, the attempts or the outcome adds one entry, stamped by the store's clock, with
    /// the state, attempt and outcome after it; in order.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_StateAttemptsAndOutcomeChanges_EachOneEntryAtTheStoresTime()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Sms);
        _clock.Set(ClaimedAt.AddSeconds(1));
        var sending = await StartSendingAsync(store, claimed);
        _clock.Set(ClaimedAt.AddSeconds(2));
        var unknown = await MoveAsync(store, sending, r => Ended(r, FollowUpState.Unknown, UnknownOutcome(r)) with { CompletedAt = null, DueAt = ClaimedAt.AddMinutes(1) });
        _clock.Set(ClaimedAt.AddMinutes(1));
        var stillUnknown = await MoveAsync(store, unknown, r => r with { Outcome = r.Outcome! with { Detail = "Twilio cannot tell yet." }, DueAt = ClaimedAt.AddMinutes(2) });
        _clock.Set(ClaimedAt.AddMinutes(2));
        var waiting = await MoveAsync(store, stillUnknown, r => r with { State = FollowUpState.Waiting, DueAt = ClaimedAt.AddMinutes(2), WaitReason = WaitReason.Retry });
        _clock.Set(ClaimedAt.AddMinutes(3));
        var recounted = await MoveAsync(store, waiting, r => r with { Attempts = 2 });

        var history = await store.ReadHistoryAsync(claimed.Key, CancellationToken.None);

        Assert.Equal(
            [
                new FollowUpHistoryEntry { At = ClaimedAt, State = FollowUpState.Claimed, Attempt = 0 },
                new FollowUpHistoryEntry { At = ClaimedAt.AddSeconds(1), State = FollowUpState.Sending, Attempt = 1 },
                new FollowUpHistoryEntry { At = ClaimedAt.AddSeconds(2), State = FollowUpState.Unknown, Attempt = 1, Outcome = unknown.Outcome },
                new FollowUpHistoryEntry { At = ClaimedAt.AddMinutes(1), State = FollowUpState.Unknown, Attempt = 1, Outcome = stillUnknown.Outcome },
                new FollowUpHistoryEntry { At = ClaimedAt.AddMinutes(2), State = FollowUpState.Waiting, Attempt = 1, Outcome = stillUnknown.Outcome },
                new FollowUpHistoryEntry { At = ClaimedAt.AddMinutes(3), State = FollowUpState.Waiting, Attempt = 2, Outcome = recounted.Outcome },
            ],
            history);
    }

    /// <summary>A change of lease alone is not history: neither a dispatcher's lease nor a renewal by the sender.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_LeaseOnlyChanges_AddNoEntry()
    {
        var store = await CreateStoreAsync();
        var era = ClaimedAt.AddYears(-30); // Before every other test's follow-ups, so a shared store's rows are not due.
        var queued = await ClaimAtAsync(store, era, owner: null);
        _clock.Set(era.AddMinutes(1));
        var leased = Assert.Single(await store.LeaseDueAsync(new("dispatcher-1", era.AddMinutes(1), era.AddMinutes(3), 1), CancellationToken.None));
        Assert.Equal(queued.Key, leased.Key);
        var sending = await StartSendingAsync(store, leased);
        var before = await store.ReadHistoryAsync(queued.Key, CancellationToken.None);

        _clock.Set(era.AddMinutes(2));
        Assert.True(await store.TryUpdateAsync(sending, sending with { LeaseExpiresAt = era.AddMinutes(5) }, CancellationToken.None));

        Assert.Equal(2, before.Count);
        Assert.Equal(before, await store.ReadHistoryAsync(queued.Key, CancellationToken.None));
    }

    /// <summary>An update refused by the compare-and-set writes no history.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_LostCompareAndSet_AddsNoEntry()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Sms);
        await StartSendingAsync(store, claimed);
        var before = await store.ReadHistoryAsync(claimed.Key, CancellationToken.None);

        Assert.False(await store.TryUpdateAsync(claimed, claimed with { State = FollowUpState.Cancelled, Outcome = UnknownOutcome(claimed) }, CancellationToken.None));

        Assert.Equal(before, await store.ReadHistoryAsync(claimed.Key, CancellationToken.None));
    }

    /// <summary>Of many workers racing to move one follow-up, exactly one wins and exactly one entry is added.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_ConcurrentUpdates_ExactlyOneWinsAndOneEntryIsAdded()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Email);

        var started = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            store.TryUpdateAsync(claimed, claimed with { State = FollowUpState.Sending, Attempts = 1, LeaseOwner = $"worker-{i}" }, CancellationToken.None))));

        Assert.Single(started, won => won);
        Assert.Equal([FollowUpState.Claimed, FollowUpState.Sending], (await store.ReadHistoryAsync(claimed.Key, CancellationToken.None)).Select(e => e.State));
    }

    /// <summary>Each follow-up a cancellation ends gets an entry at the cancellation's time, with its outcome.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_CancelPending_OneEntryForEachCancelledAtItsTime()
    {
        var store = await CreateStoreAsync();
        var held = await ClaimAsync(store, FollowUpKind.Email);
        var sending = await StartSendingAsync(store, await ClaimForAsync(store, held.Key with { Kind = FollowUpKind.Sms }));
        var outcome = FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.Suppressed, "The contact replied STOP.");
        var at = CompletedAt.AddMinutes(1);

        await store.CancelPendingAsync(held.Key.AccountId, [new(SuppressionTargetKind.ContactId, held.Key.ContactId)], outcome, at, CancellationToken.None);

        var entries = await store.ReadHistoryAsync(held.Key, CancellationToken.None);
        Assert.Equal(2, entries.Count);
        Assert.Equal(new FollowUpHistoryEntry { At = at, State = FollowUpState.Cancelled, Attempt = 0, Outcome = outcome with { Kind = FollowUpKind.Email } }, entries[1]);
        Assert.Equal(FollowUpState.Sending, (await store.ReadHistoryAsync(sending.Key, CancellationToken.None))[^1].State);
    }

    /// <summary>A report applied adds an entry at its arrival, with the report; a stale one adds none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ReadHistory_DeliveryApplied_OneEntryWithTheReportAndNoneWhenStale()
    {
        var store = await CreateStoreAsync();
        var (key, messageId) = await SentAsync(store);
        var delivered = Report(messageId, DeliveryStatus.Delivered) with { Attempt = 1 };

        Assert.Equal(DeliveryUpdate.Applied, await store.RecordDeliveryAsync(delivered, CancellationToken.None));
        Assert.Equal(DeliveryUpdate.Stale, await store.RecordDeliveryAsync(Report(messageId, DeliveryStatus.Sent), CancellationToken.None));

        var history = await store.ReadHistoryAsync(key, CancellationToken.None);
        Assert.Equal(4, history.Count);
        Assert.Equal(new FollowUpHistoryEntry { At = delivered.ReceivedAt, State = FollowUpState.Sent, Attempt = 1, Delivery = delivered }, history[^1]);
    }

    /// <summary>
    /// A late report of attempt 1, after attempt 2 was sent, is another attempt's: not applied, the delivery kept, and in
    /// the history as attempt 1's (the contact may have the follow-up twice, and it shows).
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_EarlierAttemptsReport_IsOtherAttemptAndInTheHistoryAsThatAttempts()
    {
        var store = await CreateStoreAsync();
        var (key, secondId) = await SentOnTheSecondAttemptAsync(store);
        var second = Report(secondId, DeliveryStatus.Sent) with { Key = key, Attempt = 2 };
        Assert.Equal(DeliveryUpdate.Applied, await store.RecordDeliveryAsync(second, CancellationToken.None));
        var late = Report(NewId("SM"), DeliveryStatus.Delivered) with { Key = key, Attempt = 1 };

        var update = await store.RecordDeliveryAsync(late, CancellationToken.None);

        Assert.Equal(DeliveryUpdate.OtherAttempt, update);
        var record = await store.FindAsync(key, CancellationToken.None);
        Assert.Equal((second, FollowUpState.Sent, 2), (record?.Delivery, record?.State, record?.Attempts));
        Assert.Equal(new FollowUpHistoryEntry { At = late.ReceivedAt, State = FollowUpState.Sent, Attempt = 1, Delivery = late }, (await store.ReadHistoryAsync(key, CancellationToken.None))[^1]);
    }

    /// <summary>A report about another message than the one the follow-up was sent as is another attempt's, even without an attempt number.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_AnotherMessageIdThanTheSentOne_IsOtherAttempt()
    {
        var store = await CreateStoreAsync();
        var (key, _) = await SentAsync(store);
        var duplicate = Report(NewId("SM"), DeliveryStatus.Delivered) with { Key = key };

        Assert.Equal(DeliveryUpdate.OtherAttempt, await store.RecordDeliveryAsync(duplicate, CancellationToken.None));

        Assert.Null((await store.FindAsync(key, CancellationToken.None))?.Delivery);
        Assert.Equal(new FollowUpHistoryEntry { At = duplicate.ReceivedAt, State = FollowUpState.Sent, Attempt = 1, Delivery = duplicate }, (await store.ReadHistoryAsync(key, CancellationToken.None))[^1]);
    }

    /// <summary>When an attempt started is written by an update and read back, to the tick.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryUpdate_AttemptStartedAt_RoundTrips()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Sms);
        var startedAt = new DateTimeOffset(2026, 11, 2, 9, 30, 1, 234, TimeSpan.Zero).AddTicks(5678);

        var sending = await MoveAsync(store, claimed, r => r with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = startedAt });

        Assert.Null(claimed.AttemptStartedAt);
        var stored = (await store.FindAsync(sending.Key, CancellationToken.None))?.AttemptStartedAt;
        Assert.NotNull(stored);
        Assert.Equal(ToTheMicrosecond(startedAt), ToTheMicrosecond(stored.Value)); // A store keeps times to the microsecond at least.
    }

    /// <summary>An SMS whose first attempt got no answer, then was not found, and whose second attempt was sent.</summary>
    private static async Task<(FollowUpKey Key, string MessageId)> SentOnTheSecondAttemptAsync(IFollowUpStore store)
    {
        var first = await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms));
        var waiting = await MoveAsync(store, first, r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = CompletedAt, WaitReason = WaitReason.Retry, Outcome = UnknownOutcome(r) });
        var second = await StartSendingAsync(store, waiting);
        var messageId = NewId("SM");
        await MoveAsync(store, second, r => Ended(r, FollowUpState.Sent, new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = messageId }));
        return (first.Key, messageId);
    }

    private static DateTimeOffset ToTheMicrosecond(DateTimeOffset time) => time.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerMicrosecond));
}
