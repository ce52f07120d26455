using Xunit;

namespace FollowUps.Testing;

/// <summary>The outbox's promises about delivery reports.</summary>
public abstract partial class FollowUpStoreContract
{
    /// <summary>Reports that move forward are each applied, and the record keeps the latest whole.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_ForwardReports_EachAppliedAndTheLatestKept()
    {
        var store = await CreateStoreAsync();
        var (key, messageId) = await SentAsync(store);
        var delivered = Report(messageId, DeliveryStatus.Delivered);

        Assert.Equal(DeliveryUpdate.Applied, await store.RecordDeliveryAsync(Report(messageId, DeliveryStatus.Queued), CancellationToken.None));
        Assert.Equal(DeliveryUpdate.Applied, await store.RecordDeliveryAsync(Report(messageId, DeliveryStatus.Sent), CancellationToken.None));
        Assert.Equal(DeliveryUpdate.Applied, await store.RecordDeliveryAsync(delivered, CancellationToken.None));

        var record = await store.FindAsync(key, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(delivered, record.Delivery);
        Assert.Equal(FollowUpState.Sent, record.State);
    }

    /// <summary>A repeated, late or out-of-order report changes nothing, and a final status is never replaced.</summary>
    /// <param name="first">The status recorded first.</param>
    /// <param name="then">A later report.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Queued)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Undelivered, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Failed, DeliveryStatus.Undelivered)]
    public async Task RecordDelivery_NotForward_IsStaleAndChangesNothing(DeliveryStatus first, DeliveryStatus then)
    {
        var store = await CreateStoreAsync();
        var (key, messageId) = await SentAsync(store);
        var kept = Report(messageId, first, errorCode: "30003");
        await store.RecordDeliveryAsync(kept, CancellationToken.None);

        var update = await store.RecordDeliveryAsync(Report(messageId, then), CancellationToken.None);

        Assert.Equal(DeliveryUpdate.Stale, update);
        Assert.Equal(kept, (await store.FindAsync(key, CancellationToken.None))?.Delivery);
    }

    /// <summary>A report for a message no follow-up was sent as says so.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_UnknownMessageId_IsUnknownMessage()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(DeliveryUpdate.UnknownMessage, await store.RecordDeliveryAsync(Report(NewId("SM"), DeliveryStatus.Delivered), CancellationToken.None));
    }

    /// <summary>
    /// A report that names its follow-up is applied even before the send's outcome is recorded, and the outcome recorded
    /// after keeps it: the provider can call back within milliseconds of accepting a message.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_WithTheKeyBeforeTheOutcome_IsAppliedAndKept()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimAsync(store, FollowUpKind.Sms);
        var key = claimed.Key;
        var messageId = NewId("SM");
        var sending = await StartSendingAsync(store, claimed);
        var report = Report(messageId, DeliveryStatus.Sent) with { Key = key };

        var update = await store.RecordDeliveryAsync(report, CancellationToken.None);
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = messageId };
        Assert.True(await store.TryUpdateAsync(sending, Ended(sending, FollowUpState.Sent, outcome), CancellationToken.None));

        Assert.Equal(DeliveryUpdate.Applied, update);
        var record = await store.FindAsync(key, CancellationToken.None);
        Assert.Equal(report, record?.Delivery);
        Assert.Equal(outcome, record?.Outcome);
    }

    /// <summary>A report that names a follow-up whose send got no answer is applied: it shows the message did go out.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_WithTheKeyOfAnUnknownSend_IsApplied()
    {
        var store = await CreateStoreAsync();
        var key = (await SettleAsync(store, FollowUpKind.Sms, FollowUpState.Unknown, new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer })).Key;
        var report = Report(NewId("SM"), DeliveryStatus.Delivered) with { Key = key };

        Assert.Equal(DeliveryUpdate.Applied, await store.RecordDeliveryAsync(report, CancellationToken.None));
        Assert.Equal(report, (await store.FindAsync(key, CancellationToken.None))?.Delivery);
    }

    /// <summary>A report naming a follow-up that was never claimed falls back to its message id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_WithAKeyNeverClaimed_FallsBackToTheMessageId()
    {
        var store = await CreateStoreAsync();
        var (key, messageId) = await SentAsync(store);

        var update = await store.RecordDeliveryAsync(Report(messageId, DeliveryStatus.Sent) with { Key = NewKey(FollowUpKind.Sms) }, CancellationToken.None);

        Assert.Equal(DeliveryUpdate.Applied, update);
        Assert.Equal(DeliveryStatus.Sent, (await store.FindAsync(key, CancellationToken.None))?.Delivery?.Status);
    }

    /// <summary>Concurrent reports in any order end at the furthest status.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_ConcurrentReportsInAnyOrder_EndAtTheFurthest()
    {
        var store = await CreateStoreAsync();
        var (key, messageId) = await SentAsync(store);
        var statuses = Enumerable.Range(0, 60).Select(i => i == 37 ? DeliveryStatus.Delivered : (DeliveryStatus)(i % 2)).ToArray();

        var updates = await Task.WhenAll(statuses.Select(status => Task.Run(() => store.RecordDeliveryAsync(Report(messageId, status), CancellationToken.None))));

        Assert.Equal(DeliveryStatus.Delivered, (await store.FindAsync(key, CancellationToken.None))?.Delivery?.Status);
        Assert.InRange(updates.Count(u => u == DeliveryUpdate.Applied), 1, 3);
    }

    private static async Task<(FollowUpKey Key, string MessageId)> SentAsync(IFollowUpStore store)
    {
        var messageId = NewId("SM");
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = messageId };
        var sent = await SettleAsync(store, FollowUpKind.Sms, FollowUpState.Sent, outcome);
        return (sent.Key, messageId);
    }

    private static DeliveryReport Report(string messageId, DeliveryStatus status, string? errorCode = null) =>
        new() { ProviderMessageId = messageId, Status = status, ErrorCode = errorCode, ReceivedAt = CompletedAt.AddSeconds((int)status + 1) };

    /// <summary>
    /// A report about the last attempt of a waiting follow-up a worker holds (about to retry it) releases it in the same
    /// write: the worker's move to sending fails, so no second attempt goes out, and it is due at once for a dispatcher to
    /// record as sent.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDelivery_AboutAWaitingFollowUpAWorkerHolds_ReleasesItSoNoNewAttemptStarts()
    {
        var store = await CreateStoreAsync();
        var now = ClaimedAt.AddMinutes(10);
        var waiting = await MoveAsync(store, await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms)), r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = now.AddMinutes(-1), WaitReason = WaitReason.Retry });
        var held = (await store.LeaseDueAsync(new("dispatcher-1", now, now.AddMinutes(2), 1_000), CancellationToken.None)).Single(r => r.Key == waiting.Key);
        _clock.Set(now);

        var update = await store.RecordDeliveryAsync(new DeliveryReport { Key = waiting.Key, Attempt = 1, ProviderMessageId = NewId("SM"), Status = DeliveryStatus.Delivered, ReceivedAt = now }, CancellationToken.None);
        var started = await store.TryUpdateAsync(held, held with { State = FollowUpState.Sending, Attempts = 2 }, CancellationToken.None);
        var after = await store.FindAsync(waiting.Key, CancellationToken.None);

        Assert.Equal((DeliveryUpdate.Applied, false), (update, started));
        Assert.Equal((FollowUpState.Waiting, 1, (string?)null, (DateTimeOffset?)null), (after?.State, after?.Attempts ?? 0, after?.LeaseOwner, after?.LeaseExpiresAt));
        Assert.True(after?.DueAt <= now, $"Due at once after the report; due at {after?.DueAt:O}.");
        Assert.Equal(DeliveryStatus.Delivered, after?.Delivery?.Status);
    }

    /// <summary>A follow-up is found by the provider's id of the message it was sent as; an id nobody was sent as finds nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindByProviderMessageId_SentAsThatMessage_FindsItAndNothingElse()
    {
        var store = await CreateStoreAsync();
        var sid = NewId("SM");
        var sent = await SettleAsync(store, FollowUpKind.Sms, FollowUpState.Sent, new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = sid });

        AssertSame(sent, await store.FindByProviderMessageIdAsync(sid, CancellationToken.None));
        Assert.Null(await store.FindByProviderMessageIdAsync(NewId("SM"), CancellationToken.None));
    }
}
