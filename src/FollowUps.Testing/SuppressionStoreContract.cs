using Xunit;

namespace FollowUps.Testing;

/// <summary>
/// The promises every <see cref="ISuppressionStore"/> (the do-not-contact list) keeps, as an xunit suite. Derive a test
/// class, make <see cref="CreateSuppressionStoreAsync"/> return your store, and run the tests. Each test uses fresh
/// account ids, so a store backed by a shared database needs no clean-up between tests.
/// </summary>
public abstract class SuppressionStoreContract
{
    private static readonly DateTimeOffset ClaimedAt = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CompletedAt = ClaimedAt.AddSeconds(2);

    /// <summary>Creates the store under test.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ISuppressionStore> CreateSuppressionStoreAsync();

    /// <summary>An entry is found by its own target, among others, and only in its own account.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindSuppression_EntryAdded_FoundByItsTargetInItsAccountOnly()
    {
        var store = await CreateSuppressionStoreAsync();
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
        var store = await CreateSuppressionStoreAsync();
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
        var store = await CreateSuppressionStoreAsync();
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
        var store = await CreateSuppressionStoreAsync();
        var account = NewId("account");
        var target = new SuppressionTarget(SuppressionTargetKind.ContactId, "c-42");
        await store.AddSuppressionAsync(new SuppressionEntry { AccountId = account, Target = target, Reason = SuppressionReason.DoNotContactList, CreatedAt = ClaimedAt }, CancellationToken.None);

        Assert.True(await store.RemoveSuppressionAsync(account, target, CancellationToken.None));
        Assert.False(await store.RemoveSuppressionAsync(account, target, CancellationToken.None));
        Assert.Null(await store.FindSuppressionAsync(account, [target], CancellationToken.None));
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
