using FollowUps.Testing.Internal;
using Xunit;

namespace FollowUps.Testing;

/// <summary>
/// The promises of <see cref="IFollowUpClaimStarter"/>, as an xunit suite, for a store that is the outbox and the
/// do-not-contact list too: one write that claims, checks the list and starts the send leaves what the claim and the
/// move to sending would have left, or, when the claim loses or the list has the contact, what the claim alone would.
/// Derive a test class, make <see cref="CreateStoreAsync(TimeProvider)"/> return your store on the clock it is handed,
/// and run the tests beside <see cref="FollowUpStoreContract"/> and <see cref="SuppressionStoreContract"/>.
/// </summary>
/// <typeparam name="TStore">The store: outbox, list and claim starter.</typeparam>
public abstract class ClaimStarterContract<TStore>
    where TStore : IFollowUpStore, ISuppressionStore, IFollowUpClaimStarter
{
    private readonly ManualClock _clock = new(FollowUpStoreContract.ClaimedAt.AddSeconds(1));

    /// <summary>Creates the store under test.</summary>
    /// <param name="time">The clock the store must read for what it stamps itself (its history).</param>
    /// <returns>The store.</returns>
    protected abstract Task<TStore> CreateStoreAsync(TimeProvider time);

    /// <summary>A fresh key is stored sending, with the history entries of its claim and of its move, as the two steps leave them.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_AFreshKey_IsStoredSending_WithTheHistoryOfTheClaimAndTheMove()
    {
        var store = await CreateStoreAsync(_clock);
        var claim = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        var stepwise = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        await store.ClaimAsync(stepwise, CancellationToken.None);
        Assert.True(await store.TryUpdateAsync(stepwise, Sending(stepwise), CancellationToken.None));

        var start = await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);

        Assert.Equal((true, null, true), (start.Won, start.Suppression, start.Started));
        Assert.Equal(FollowUpState.Sending, start.Record.State);
        var stored = await store.FindAsync(claim.Key, CancellationToken.None);
        Assert.Equal((FollowUpState.Sending, 1, claim.ClaimedAt, claim.LeaseOwner), (stored!.State, stored.Attempts, stored.AttemptStartedAt, stored.LeaseOwner));
        var history = await store.ReadHistoryAsync(claim.Key, CancellationToken.None);
        Assert.Equal(
            [new FollowUpHistoryEntry { At = claim.ClaimedAt, State = FollowUpState.Claimed, Attempt = 0 }, new FollowUpHistoryEntry { At = _clock.GetUtcNow(), State = FollowUpState.Sending, Attempt = 1 }],
            history);
        Assert.Equal(await store.ReadHistoryAsync(stepwise.Key, CancellationToken.None), history);
        Assert.Single(await store.FindByCallAsync(claim.Key.AccountId, claim.CallId, CancellationToken.None), r => r.Key == claim.Key);
    }

    /// <summary>A key another claim holds is left as it is; the answer is the holder's record.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_AKeyHeldByAnotherClaim_ChangesNothing_AndAnswersWithTheHolder()
    {
        var store = await CreateStoreAsync(_clock);
        var key = FollowUpStoreContract.NewKey(FollowUpKind.Email);
        var holder = FollowUpStoreContract.Claim(key) with { LeaseOwner = "other-worker" };
        await store.ClaimAsync(holder, CancellationToken.None);
        var claim = FollowUpStoreContract.Claim(key, FollowUpStoreContract.ClaimedAt.AddMinutes(5));

        var start = await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);

        Assert.Equal((false, null, false), (start.Won, start.Suppression, start.Started));
        Assert.Equal("other-worker", start.Record.LeaseOwner);
        Assert.Equal((FollowUpState.Claimed, "other-worker"), await StateAndOwnerAsync(store, key));
        Assert.Single(await store.ReadHistoryAsync(key, CancellationToken.None));
    }

    /// <summary>A won claim whose contact is on the list stays claimed, and the answer names the entry.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_ATargetOnTheList_LeavesTheFollowUpClaimed_AndNamesTheEntry()
    {
        var store = await CreateStoreAsync(_clock);
        var claim = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        var entry = new SuppressionEntry
        {
            AccountId = claim.Key.AccountId,
            Target = new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671"),
            Reason = SuppressionReason.DoNotContactList,
            CreatedAt = FollowUpStoreContract.ClaimedAt.AddSeconds(-1),
        };
        await store.AddSuppressionAsync(entry, CancellationToken.None);

        var start = await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);

        Assert.Equal((true, entry, false), (start.Won, start.Suppression, start.Started));
        Assert.Equal((FollowUpState.Claimed, claim.LeaseOwner), await StateAndOwnerAsync(store, claim.Key));
        Assert.Equal(FollowUpState.Claimed, Assert.Single(await store.ReadHistoryAsync(claim.Key, CancellationToken.None)).State);
    }

    /// <summary>A claim retried after a lost answer finds its own record still claimed: it wins, and has not started.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_ItsOwnEarlierClaim_WinsWithoutMovingIt()
    {
        var store = await CreateStoreAsync(_clock);
        var claim = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        await store.ClaimAsync(claim, CancellationToken.None);

        var start = await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);

        Assert.Equal((true, null, false), (start.Won, start.Suppression, start.Started));
        Assert.Equal((FollowUpState.Claimed, claim.LeaseOwner), await StateAndOwnerAsync(store, claim.Key));
    }

    /// <summary>A claim tried again after its first try started the send (a lost answer) wins as started, and writes nothing more.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_ItsOwnEarlierStart_WinsStarted_AndWritesNothingMore()
    {
        var store = await CreateStoreAsync(_clock);
        var claim = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);

        var again = await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);

        Assert.Equal((true, null, true), (again.Won, again.Suppression, again.Started));
        Assert.Equal((FollowUpState.Sending, 1), (again.Record.State, again.Record.Attempts));
        Assert.Equal([FollowUpState.Claimed, FollowUpState.Sending], (await store.ReadHistoryAsync(claim.Key, CancellationToken.None)).Select(entry => entry.State));
    }

    /// <summary>
    /// A claim tried again after its first try committed (a lost answer) wins only while the follow-up is as that try
    /// left it: once another worker has taken it over, the claim loses and changes nothing, so it cannot send it twice.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_ItsOwnEarlierClaim_TakenOverByAnotherWorker_Loses()
    {
        var store = await CreateStoreAsync(_clock);
        var claim = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        await store.ClaimAsync(claim, CancellationToken.None);
        var takenOver = claim with { LeaseOwner = "dispatcher-9" };
        Assert.True(await store.TryUpdateAsync(claim, takenOver, CancellationToken.None));
        var sending = Sending(takenOver);
        Assert.True(await store.TryUpdateAsync(takenOver, sending, CancellationToken.None));

        var start = await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);

        Assert.Equal((false, null, false), (start.Won, start.Suppression, start.Started));
        Assert.Equal("dispatcher-9", start.Record.LeaseOwner);
        Assert.Equal((FollowUpState.Sending, "dispatcher-9"), await StateAndOwnerAsync(store, claim.Key));
    }

    /// <summary>A claim tried again after its follow-up was settled and released (unknown, held by nobody) loses too: it would otherwise send it blindly.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_ItsOwnEarlierClaim_SettledSince_Loses()
    {
        var store = await CreateStoreAsync(_clock);
        var claim = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        var first = await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);
        var unknown = first.Record with
        {
            State = FollowUpState.Unknown,
            LeaseOwner = null,
            LeaseExpiresAt = null,
            Outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer },
        };
        Assert.True(await store.TryUpdateAsync(first.Record, unknown, CancellationToken.None));

        var start = await store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None);

        Assert.Equal((false, FollowUpState.Unknown), (start.Won, start.Record.State));
        Assert.Equal((FollowUpState.Unknown, (string?)null), await StateAndOwnerAsync(store, claim.Key));
    }

    /// <summary>A sending record of another key is refused before anything is stored.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_ASendingRecordOfAnotherKey_IsRefused_AndNothingIsStored()
    {
        var store = await CreateStoreAsync(_clock);
        var claim = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        var other = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.ClaimAndStartAsync(claim, Sending(other), CancellationToken.None).AsTask());

        Assert.Equal("sending", refused.ParamName);
        Assert.Null(await store.FindAsync(claim.Key, CancellationToken.None));
    }

    /// <summary>A write cancelled before it starts stores nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimAndStart_Cancelled_StoresNothing()
    {
        var store = await CreateStoreAsync(_clock);
        var claim = FollowUpStoreContract.Claim(FollowUpStoreContract.NewKey(FollowUpKind.Sms));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ClaimAndStartAsync(claim, Sending(claim), cancelled.Token).AsTask());

        Assert.Null(await store.FindAsync(claim.Key, CancellationToken.None));
    }

    /// <summary>The claim with its first attempt started, as the engine makes it.</summary>
    private static FollowUpRecord Sending(FollowUpRecord claim) =>
        claim with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = claim.ClaimedAt, DueAt = null };

    private static async Task<(FollowUpState, string?)> StateAndOwnerAsync(TStore store, FollowUpKey key)
    {
        var stored = await store.FindAsync(key, CancellationToken.None) ?? throw new InvalidOperationException($"{key} is not stored.");
        return (stored.State, stored.LeaseOwner);
    }
}
