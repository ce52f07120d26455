using Xunit;

namespace FollowUps.Testing;

/// <summary>The outbox's promises about moving a follow-up on: compare-and-set, leases, cancellation.</summary>
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
    /// A dispatcher leases what needs a worker: waiting follow-ups whose time came, claimed ones nobody holds or whose lease
    /// ended, sending ones whose lease ended, unknown ones past their deadline; nothing else.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LeaseDue_LeasesWhatNeedsAWorkerAndNothingElse()
    {
        var store = await CreateStoreAsync();
        var now = ClaimedAt.AddMinutes(10);
        var due = new List<FollowUpKey>();

        var heldElsewhere = await ClaimAtAsync(store, now.AddSeconds(-5));
        var abandoned = await ClaimAtAsync(store, now.AddMinutes(-5));
        due.Add(abandoned.Key);
        var queued = await ClaimAtAsync(store, now, owner: null);
        due.Add(queued.Key);
        var retryDue = await MoveAsync(store, await StartSendingAsync(store, await ClaimAtAsync(store, now.AddMinutes(-5))), r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = now.AddSeconds(-1), WaitReason = WaitReason.Retry });
        due.Add(retryDue.Key);
        var retryLater = await MoveAsync(store, await StartSendingAsync(store, await ClaimAtAsync(store, now.AddMinutes(-5))), r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = now.AddMinutes(1), WaitReason = WaitReason.Retry });
        var crashedSend = await StartSendingAsync(store, await ClaimAtAsync(store, now.AddMinutes(-5)));
        due.Add(crashedSend.Key);
        var liveSend = await MoveAsync(store, await ClaimAtAsync(store, now), r => r with { State = FollowUpState.Sending, Attempts = 1 });
        var unknownPastDeadline = await MoveAsync(store, await StartSendingAsync(store, await ClaimAtAsync(store, now.AddHours(-25))), r => Ended(r, FollowUpState.Unknown, r.Outcome ?? UnknownOutcome(r)) with { CompletedAt = null });
        due.Add(unknownPastDeadline.Key);
        var unknownInTime = await MoveAsync(store, await StartSendingAsync(store, await ClaimAtAsync(store, now.AddMinutes(-5))), r => Ended(r, FollowUpState.Unknown, UnknownOutcome(r)) with { CompletedAt = null });
        await SettleAsync(store, FollowUpKind.Sms, FollowUpState.Sent, new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = NewId("SM") });

        var leased = await store.LeaseDueAsync("dispatcher-1", now, now.AddMinutes(2), 1_000, CancellationToken.None);
        var mine = leased.Where(r => due.Contains(r.Key) || new[] { heldElsewhere, retryLater, liveSend, unknownInTime }.Any(other => other.Key == r.Key)).ToList();

        Assert.Equal(due.OrderBy(k => k.ToString()), mine.Select(r => r.Key).OrderBy(k => k.ToString()));
        Assert.All(mine, r => Assert.Equal(("dispatcher-1", now.AddMinutes(2)), (r.LeaseOwner, r.LeaseExpiresAt)));
        Assert.Equal(FollowUpState.Sending, mine.Single(r => r.Key == crashedSend.Key).State);
        Assert.Equal("dispatcher-1", (await store.FindAsync(abandoned.Key, CancellationToken.None))?.LeaseOwner);
    }

    /// <summary>Two dispatchers leasing at once never get the same follow-up, and the batch size is kept.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LeaseDue_ConcurrentDispatchers_NeverShareAFollowUp()
    {
        var store = await CreateStoreAsync();
        var now = ClaimedAt.AddHours(1);
        var account = NewId("account");
        for (var i = 0; i < 40; i++)
        {
            await store.ClaimAsync(Claim(new(account, "campaign", $"contact-{i}", FollowUpKind.Sms), now.AddMinutes(-1)) with { LeaseOwner = null, LeaseExpiresAt = null }, CancellationToken.None);
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.LeaseDueAsync($"dispatcher-{i}", now, now.AddMinutes(2), 10, CancellationToken.None))));
        var ours = batches.SelectMany(batch => batch).Where(r => r.Key.AccountId == account).ToList();

        Assert.All(batches, batch => Assert.True(batch.Count <= 10));
        Assert.Equal(ours.Count, ours.Select(r => r.Key).Distinct().Count());
        Assert.Equal(40, ours.Count);
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
