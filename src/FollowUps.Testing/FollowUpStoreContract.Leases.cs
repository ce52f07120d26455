using Xunit;

namespace FollowUps.Testing;

/// <summary>The outbox's promises about leasing: what needs a worker, in what order, and never to two dispatchers.</summary>
public abstract partial class FollowUpStoreContract
{
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

        var leased = await store.LeaseDueAsync(new("dispatcher-1", now, now.AddMinutes(2), 1_000), CancellationToken.None);
        var mine = leased.Where(r => due.Contains(r.Key) || new[] { heldElsewhere, retryLater, liveSend, unknownInTime }.Any(other => other.Key == r.Key)).ToList();

        Assert.Equal(due.OrderBy(k => k.ToString()), mine.Select(r => r.Key).OrderBy(k => k.ToString()));
        Assert.All(mine, r => Assert.Equal(("dispatcher-1", now.AddMinutes(2)), (r.LeaseOwner, r.LeaseExpiresAt)));
        Assert.Equal(FollowUpState.Sending, mine.Single(r => r.Key == crashedSend.Key).State);
        Assert.Equal("dispatcher-1", (await store.FindAsync(abandoned.Key, CancellationToken.None))?.LeaseOwner);
    }

    /// <summary>
    /// A waiting or unknown follow-up another dispatcher leased is not leased again until that lease ends, even though it
    /// is still due: a dispatcher asking a provider about an unknown send, or about to retry, keeps it.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LeaseDue_WaitingAndUnknownLeasedByAnother_AreNotLeasedAgainUntilTheLeaseEnds()
    {
        var store = await CreateStoreAsync();
        var now = ClaimedAt.AddMinutes(10);
        var waiting = await MoveAsync(store, await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms)), r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = now.AddSeconds(-1), WaitReason = WaitReason.Retry });
        var unknown = await MoveAsync(store, await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Email)), r => Ended(r, FollowUpState.Unknown, UnknownOutcome(r)) with { CompletedAt = null, DueAt = now.AddSeconds(-1) });
        FollowUpKey[] mine = [waiting.Key, unknown.Key];

        async Task<int> LeaseAsync(string owner, DateTimeOffset at) =>
            (await store.LeaseDueAsync(new(owner, at, at.AddMinutes(2), 1_000), CancellationToken.None)).Count(r => mine.Contains(r.Key));

        var first = await LeaseAsync("dispatcher-1", now);
        var whileHeld = await LeaseAsync("dispatcher-2", now.AddMinutes(1));
        var afterTheLease = await LeaseAsync("dispatcher-3", now.AddMinutes(2));

        Assert.Equal((2, 0, 2), (first, whileHeld, afterTheLease));
    }

    /// <summary>
    /// With more due than it may take, a dispatcher leases the oldest due first (by due time, else claim time), at most
    /// <c>max</c>, and leaves the rest unleased.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LeaseDue_MoreDueThanMax_LeasesTheOldestDueFirst()
    {
        var store = await CreateStoreAsync();
        var era = ClaimedAt.AddYears(-20); // Before every other test's follow-ups, so a shared store's rows are not due.
        var newest = await MoveAsync(store, await ClaimAtAsync(store, era, owner: null), r => r with { DueAt = era.AddMinutes(3) });
        var waiting = await MoveAsync(store, await ClaimAtAsync(store, era.AddMinutes(-1), owner: null), r => r with { State = FollowUpState.Waiting, Attempts = 1, DueAt = era.AddMinutes(2), WaitReason = WaitReason.Retry });
        var dueAtClaim = await ClaimAtAsync(store, era.AddMinutes(1), owner: null);
        var undated = await MoveAsync(store, await ClaimAtAsync(store, era.AddSeconds(30), owner: null), r => r with { DueAt = null });

        var leased = await store.LeaseDueAsync(new("dispatcher-1", era.AddMinutes(10), era.AddMinutes(12), 3), CancellationToken.None);

        Assert.Equal([undated.Key, dueAtClaim.Key, waiting.Key], leased.Select(r => r.Key));
        Assert.Null((await store.FindAsync(newest.Key, CancellationToken.None))?.LeaseOwner);
    }

    /// <summary>
    /// With a per-account limit, one account's backlog does not fill the lease: each account gives its oldest due, up to
    /// the limit, and the batch is the oldest of those, up to its own limit.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LeaseDue_MaxPerAccount_LeavesRoomForOtherAccounts()
    {
        var store = await CreateStoreAsync();
        var era = ClaimedAt.AddYears(-30); // Before every other test's follow-ups, so a shared store's rows are not due.
        var (busy, quiet) = (NewId("busy"), NewId("quiet"));
        var busyDue = new List<FollowUpRecord>();
        for (var minute = 1; minute <= 5; minute++)
        {
            busyDue.Add(await ClaimDueAsync(store, busy, FollowUpKind.Sms, era.AddMinutes(minute)));
        }

        var quietDue = new[] { await ClaimDueAsync(store, quiet, FollowUpKind.Email, era.AddMinutes(10)), await ClaimDueAsync(store, quiet, FollowUpKind.Sms, era.AddMinutes(11)) };

        var leased = await store.LeaseDueAsync(new("dispatcher-1", era.AddHours(1), era.AddHours(2), 10) { MaxPerAccount = 2 }, CancellationToken.None);
        var fewer = await store.LeaseDueAsync(new("dispatcher-2", era.AddHours(1), era.AddHours(2), 3) { MaxPerAccount = 2 }, CancellationToken.None);

        Assert.Equal([busyDue[0].Key, busyDue[1].Key, quietDue[0].Key, quietDue[1].Key], leased.Select(r => r.Key));
        Assert.Equal([busyDue[2].Key, busyDue[3].Key], fewer.Select(r => r.Key)); // quiet has nothing left; busy still only 2.
        Assert.Null((await store.FindAsync(busyDue[4].Key, CancellationToken.None))?.LeaseOwner);
    }

    /// <summary>
    /// What the request skips (an account's follow-ups of one kind, whose sender is resting) stays unleased, however
    /// overdue; the same account's other kinds, and other accounts, are leased.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LeaseDue_Skip_LeavesThoseAccountsAndKindsUnleased()
    {
        var store = await CreateStoreAsync();
        var era = ClaimedAt.AddYears(-40); // Before every other test's follow-ups, so a shared store's rows are not due.
        var (resting, other) = (NewId("resting"), NewId("other"));
        var restingEmail = await ClaimDueAsync(store, resting, FollowUpKind.Email, era.AddMinutes(1));
        var restingMissed = await ClaimDueAsync(store, resting, FollowUpKind.MissedCallEmail, era.AddMinutes(2));
        var restingSms = await ClaimDueAsync(store, resting, FollowUpKind.Sms, era.AddMinutes(3));
        var otherEmail = await ClaimDueAsync(store, other, FollowUpKind.Email, era.AddMinutes(4));

        var skip = new[] { new AccountKind(resting, FollowUpKind.Email), new AccountKind(resting, FollowUpKind.MissedCallEmail) };
        var leased = await store.LeaseDueAsync(new("dispatcher-1", era.AddHours(1), era.AddHours(2), 10) { Skip = skip }, CancellationToken.None);

        Assert.Equal([restingSms.Key, otherEmail.Key], leased.Select(r => r.Key));
        Assert.Null((await store.FindAsync(restingEmail.Key, CancellationToken.None))?.LeaseOwner);
        Assert.Null((await store.FindAsync(restingMissed.Key, CancellationToken.None))?.LeaseOwner);
    }

    /// <summary>Claims a follow-up of <paramref name="accountId"/> that nobody holds, due at <paramref name="dueAt"/>.</summary>
    private static async Task<FollowUpRecord> ClaimDueAsync(IFollowUpStore store, string accountId, FollowUpKind kind, DateTimeOffset dueAt)
    {
        var claim = Claim(new(accountId, NewId("campaign"), NewId("contact"), kind), dueAt) with { LeaseOwner = null, LeaseExpiresAt = null };
        Assert.True((await store.ClaimAsync(claim, CancellationToken.None)).Won);
        return claim;
    }

    /// <summary>A lease changes only the lease: the state, attempts, due time, wait reason and outcome stay as they were.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task LeaseDue_ADueRetry_ChangesOnlyItsLease()
    {
        var store = await CreateStoreAsync();
        var now = ClaimedAt.AddMinutes(10);
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Failed, Reason = OutcomeReason.TransientFailure, Detail = "503 Service Unavailable", Recipient = "+14155552671" };
        var waiting = await MoveAsync(store, await StartSendingAsync(store, await ClaimAsync(store, FollowUpKind.Sms)), r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = now.AddSeconds(-1), WaitReason = WaitReason.Retry, Outcome = outcome });
        var expected = waiting with { LeaseOwner = "dispatcher-1", LeaseExpiresAt = now.AddMinutes(2) };

        var leased = await store.LeaseDueAsync(new("dispatcher-1", now, now.AddMinutes(2), 1_000), CancellationToken.None);

        AssertSame(expected, leased.SingleOrDefault(r => r.Key == waiting.Key));
        AssertSame(expected, await store.FindAsync(waiting.Key, CancellationToken.None));
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

        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.LeaseDueAsync(new($"dispatcher-{i}", now, now.AddMinutes(2), 10), CancellationToken.None))));
        var ours = batches.SelectMany(batch => batch).Where(r => r.Key.AccountId == account).ToList();

        Assert.All(batches, batch => Assert.True(batch.Count <= 10));
        Assert.Equal(ours.Count, ours.Select(r => r.Key).Distinct().Count());
        Assert.Equal(40, ours.Count);
    }
}
