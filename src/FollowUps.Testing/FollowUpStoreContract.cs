using Xunit;

namespace FollowUps.Testing;

/// <summary>
/// The promises every <see cref="IFollowUpStore"/> keeps, as an xunit suite. Derive a test class, make
/// <see cref="CreateStoreAsync"/> return your store, and run the tests. Each test uses fresh account ids, so a
/// store backed by a shared database needs no clean-up between tests.
/// </summary>
public abstract partial class FollowUpStoreContract
{
    private static readonly DateTimeOffset ClaimedAt = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CompletedAt = ClaimedAt.AddSeconds(2);

    /// <summary>Creates the store under test.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IFollowUpStore> CreateStoreAsync();

    /// <summary>The first claim of a key wins; every later one loses.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryClaim_SameKeyTwice_OnlyFirstWins()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);

        Assert.True(await store.TryClaimAsync(key, ClaimedAt, CancellationToken.None));
        Assert.False(await store.TryClaimAsync(key, ClaimedAt, CancellationToken.None));
    }

    /// <summary>Of many concurrent claims of one key, exactly one wins.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryClaim_HundredConcurrentClaims_ExactlyOneWins()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);

        var wins = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(_ => Task.Run(() => store.TryClaimAsync(key, ClaimedAt, CancellationToken.None))));

        Assert.Single(wins, won => won);
    }

    /// <summary>Kinds, contacts and campaigns are claimed independently.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryClaim_KeysDifferingInOnePart_AreIndependent()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);

        Assert.True(await store.TryClaimAsync(key, ClaimedAt, CancellationToken.None));
        Assert.True(await store.TryClaimAsync(key with { Kind = FollowUpKind.Email }, ClaimedAt, CancellationToken.None));
        Assert.True(await store.TryClaimAsync(key with { ContactId = "other-contact" }, ClaimedAt, CancellationToken.None));
        Assert.True(await store.TryClaimAsync(key with { CampaignId = "other-campaign" }, ClaimedAt, CancellationToken.None));
    }

    /// <summary>A key never claimed has no record.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Find_NeverClaimed_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.FindAsync(NewKey(FollowUpKind.Email), CancellationToken.None));
    }

    /// <summary>A claimed key reads back as claimed, with its time and no outcome yet.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Find_Claimed_ReturnsClaimedRecordWithoutOutcome()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Email);
        await store.TryClaimAsync(key, ClaimedAt, CancellationToken.None);

        var record = await store.FindAsync(key, CancellationToken.None);

        Assert.NotNull(record);
        Assert.Equal(key, record.Key);
        Assert.Equal(FollowUpState.Claimed, record.State);
        Assert.Equal(ClaimedAt, record.ClaimedAt);
        Assert.Null(record.Outcome);
        Assert.Null(record.CompletedAt);
    }

    /// <summary>A sent outcome is stored whole and moves the record to sent.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Complete_Sent_StoresOutcomeWhole()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);
        await store.TryClaimAsync(key, ClaimedAt, CancellationToken.None);
        var outcome = new FollowUpOutcome
        {
            Kind = FollowUpKind.Sms,
            Status = OutcomeStatus.Sent,
            Reason = OutcomeReason.None,
            Recipient = "+14155552671",
            Template = SmsTemplateKind.NextStep,
            Text = "Hi Ann, it's Dana from Acme. Book here: https://cal.example.com/x\nReply STOP to opt out.",
            ProviderMessageId = "SM0123456789abcdef",
        };

        await store.CompleteAsync(key, outcome, CompletedAt, CancellationToken.None);
        var record = await store.FindAsync(key, CancellationToken.None);

        Assert.NotNull(record);
        Assert.Equal(FollowUpState.Sent, record.State);
        Assert.Equal(CompletedAt, record.CompletedAt);
        Assert.Equal(outcome, record.Outcome);
    }

    /// <summary>A failed outcome is stored with its reason and moves the record to failed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Complete_Failed_StoresReasonAndDetail()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.MissedCallEmail);
        await store.TryClaimAsync(key, ClaimedAt, CancellationToken.None);
        var outcome = new FollowUpOutcome
        {
            Kind = FollowUpKind.MissedCallEmail,
            Status = OutcomeStatus.Failed,
            Reason = OutcomeReason.TransientFailure,
            Detail = "451 4.3.0 try again later",
            Recipient = "ann@example.com",
            Subject = "Sorry we missed you",
            Text = "We tried to reach you today.",
        };

        await store.CompleteAsync(key, outcome, CompletedAt, CancellationToken.None);
        var record = await store.FindAsync(key, CancellationToken.None);

        Assert.NotNull(record);
        Assert.Equal(FollowUpState.Failed, record.State);
        Assert.Equal(outcome, record.Outcome);
    }

    /// <summary>A follow-up stays claimed once its outcome is recorded, failed or not: nothing is resent blindly.</summary>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(OutcomeStatus.Sent)]
    [InlineData(OutcomeStatus.Failed)]
    [InlineData(OutcomeStatus.Unknown)]
    public async Task TryClaim_AfterCompletion_StillLoses(OutcomeStatus status)
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);
        await store.TryClaimAsync(key, ClaimedAt, CancellationToken.None);
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = status, Reason = status switch { OutcomeStatus.Sent => OutcomeReason.None, OutcomeStatus.Unknown => OutcomeReason.NoProviderAnswer, _ => OutcomeReason.TransientFailure } };
        await store.CompleteAsync(key, outcome, CompletedAt, CancellationToken.None);

        Assert.False(await store.TryClaimAsync(key, CompletedAt, CancellationToken.None));
    }

    /// <summary>Completing a key that was never claimed is a programming error.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Complete_NeverClaimed_ThrowsInvalidOperation()
    {
        var store = await CreateStoreAsync();
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.None, ProviderMessageId = "x" };

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CompleteAsync(NewKey(FollowUpKind.Sms), outcome, CompletedAt, CancellationToken.None));
    }

    /// <summary>An entry is found by its own target, among others, and only in its own account.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindSuppression_EntryAdded_FoundByItsTargetInItsAccountOnly()
    {
        var store = await CreateStoreAsync();
        var account = NewId("account");
        var phone = new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671");
        var entry = new SuppressionEntry { AccountId = account, Target = phone, Reason = SuppressionReason.OptOutReply, CreatedAt = ClaimedAt };
        await store.AddSuppressionAsync(entry, CancellationToken.None);

        SuppressionTarget[] targets = [new(SuppressionTargetKind.ContactId, "c-1"), phone, new(SuppressionTargetKind.Email, "ann@example.com")];
        Assert.Equal(entry, await store.FindSuppressionAsync(account, targets, CancellationToken.None));
        Assert.Null(await store.FindSuppressionAsync(NewId("account"), targets, CancellationToken.None));
        Assert.Null(await store.FindSuppressionAsync(account, [new(SuppressionTargetKind.Email, "+14155552671")], CancellationToken.None));
        Assert.Null(await store.FindSuppressionAsync(account, [], CancellationToken.None));
    }

    /// <summary>Adding an entry that exists keeps the first one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddSuppression_Twice_KeepsFirst()
    {
        var store = await CreateStoreAsync();
        var account = NewId("account");
        var target = new SuppressionTarget(SuppressionTargetKind.Email, "ann@example.com");
        var first = new SuppressionEntry { AccountId = account, Target = target, Reason = SuppressionReason.Unsubscribed, CreatedAt = ClaimedAt };

        await store.AddSuppressionAsync(first, CancellationToken.None);
        await store.AddSuppressionAsync(first with { Reason = SuppressionReason.OptOutReply, CreatedAt = CompletedAt }, CancellationToken.None);

        Assert.Equal(first, await store.FindSuppressionAsync(account, [target], CancellationToken.None));
    }

    /// <summary>The host's own entry replaces one an opt-out made, so lifting the opt-out cannot lift the host's; never the other way round.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddSuppression_HostEntryAfterAnOptOut_ReplacesIt()
    {
        var store = await CreateStoreAsync();
        var account = NewId("account");
        var target = new SuppressionTarget(SuppressionTargetKind.Phone, "+14155550123");
        var optOut = new SuppressionEntry { AccountId = account, Target = target, Reason = SuppressionReason.OptOutReply, CreatedAt = ClaimedAt };
        var host = optOut with { Reason = SuppressionReason.DoNotContactList, CreatedAt = CompletedAt };

        await store.AddSuppressionAsync(optOut, CancellationToken.None);
        await store.AddSuppressionAsync(host, CancellationToken.None);
        await store.AddSuppressionAsync(optOut with { CreatedAt = CompletedAt.AddSeconds(1) }, CancellationToken.None);

        Assert.Equal(host, await store.FindSuppressionAsync(account, [target], CancellationToken.None));
    }

    /// <summary>A removed entry no longer matches; removing it again reports nothing removed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RemoveSuppression_Existing_RemovesOnce()
    {
        var store = await CreateStoreAsync();
        var account = NewId("account");
        var target = new SuppressionTarget(SuppressionTargetKind.ContactId, "c-42");
        await store.AddSuppressionAsync(new SuppressionEntry { AccountId = account, Target = target, Reason = SuppressionReason.DoNotContactList, CreatedAt = ClaimedAt }, CancellationToken.None);

        Assert.True(await store.RemoveSuppressionAsync(account, target, CancellationToken.None));
        Assert.False(await store.RemoveSuppressionAsync(account, target, CancellationToken.None));
        Assert.Null(await store.FindSuppressionAsync(account, [target], CancellationToken.None));
    }

    private static FollowUpKey NewKey(FollowUpKind kind) => new(NewId("account"), NewId("campaign"), NewId("contact"), kind);

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
