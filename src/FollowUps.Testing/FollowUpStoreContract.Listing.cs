using Xunit;

namespace FollowUps.Testing;

/// <summary>The outbox's promises about listing: by account, campaign, state and claim time, in one order, page by page.</summary>
public abstract partial class FollowUpStoreContract
{
    /// <summary>A list holds one account's follow-ups only, and of one campaign when asked.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_ByAccountAndCampaign_HoldsOnlyThose()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);
        await ClaimForAsync(store, key);
        await ClaimForAsync(store, key with { Kind = FollowUpKind.Email });
        await ClaimForAsync(store, key with { CampaignId = "other-campaign" });
        await ClaimForAsync(store, key with { AccountId = NewId("account") });

        var account = await store.ListAsync(new FollowUpQuery { AccountId = key.AccountId }, CancellationToken.None);
        var campaign = await store.ListAsync(new FollowUpQuery { AccountId = key.AccountId, CampaignId = key.CampaignId }, CancellationToken.None);
        var nobody = await store.ListAsync(new FollowUpQuery { AccountId = NewId("account") }, CancellationToken.None);

        Assert.Equal(3, account.Count);
        Assert.All(account, r => Assert.Equal(key.AccountId, r.Key.AccountId));
        Assert.Equal([key, key with { Kind = FollowUpKind.Email }], campaign.Select(r => r.Key));
        Assert.Empty(nobody);
    }

    /// <summary>A list holds the follow-ups in the states asked for, read back whole.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_ByStates_HoldsOnlyThoseStates()
    {
        var store = await CreateStoreAsync();
        var claimed = await ClaimForAsync(store, NewKey(FollowUpKind.Sms) with { ContactId = "contact-a" });
        var account = claimed.Key.AccountId;
        var sending = await StartSendingAsync(store, await ClaimForAsync(store, claimed.Key with { ContactId = "contact-b" }));
        var unknown = await MoveAsync(store, await StartSendingAsync(store, await ClaimForAsync(store, claimed.Key with { ContactId = "contact-c" })), r => Ended(r, FollowUpState.Unknown, UnknownOutcome(r)) with { CompletedAt = null, DueAt = CompletedAt });

        var found = await store.ListAsync(new FollowUpQuery { AccountId = account, States = [FollowUpState.Unknown, FollowUpState.Claimed] }, CancellationToken.None);
        var none = await store.ListAsync(new FollowUpQuery { AccountId = account, States = [FollowUpState.Expired] }, CancellationToken.None);
        var every = await store.ListAsync(new FollowUpQuery { AccountId = account, States = [] }, CancellationToken.None);

        Assert.Equal([claimed.Key, unknown.Key], found.Select(r => r.Key));
        AssertSame(unknown, found[1]);
        Assert.Empty(none);
        Assert.Equal([claimed.Key, sending.Key, unknown.Key], every.Select(r => r.Key));
    }

    /// <summary>Claimed-before is exclusive and claimed-since inclusive, so consecutive ranges never overlap nor miss one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_ByClaimTime_BeforeIsExclusiveAndSinceInclusive()
    {
        var store = await CreateStoreAsync();
        var key = NewKey(FollowUpKind.Sms);
        for (var minute = 0; minute < 4; minute++)
        {
            Assert.True((await store.ClaimAsync(Claim(key with { ContactId = $"contact-{minute}" }, ClaimedAt.AddMinutes(minute)), CancellationToken.None)).Won);
        }

        var query = new FollowUpQuery { AccountId = key.AccountId };
        var before = await store.ListAsync(query with { ClaimedBefore = ClaimedAt.AddMinutes(2) }, CancellationToken.None);
        var since = await store.ListAsync(query with { ClaimedSince = ClaimedAt.AddMinutes(2) }, CancellationToken.None);
        var between = await store.ListAsync(query with { ClaimedSince = ClaimedAt.AddMinutes(1), ClaimedBefore = ClaimedAt.AddMinutes(3) }, CancellationToken.None);

        Assert.Equal(["contact-0", "contact-1"], before.Select(r => r.Key.ContactId));
        Assert.Equal(["contact-2", "contact-3"], since.Select(r => r.Key.ContactId));
        Assert.Equal(["contact-1", "contact-2"], between.Select(r => r.Key.ContactId));
    }

    /// <summary>A list is in one order: oldest claim first, then campaign, contact and kind, compared ordinally.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_Order_OldestClaimThenCampaignContactAndKind()
    {
        var store = await CreateStoreAsync();
        var account = NewId("account");
        FollowUpKey Key(string campaign, string contact, FollowUpKind kind) => new(account, campaign, contact, kind);
        var expected = new (FollowUpKey Key, int Minute)[]
        {
            (Key("campaign-b", "contact-b", FollowUpKind.Sms), 0),
            (Key("Campaign-z", "contact-a", FollowUpKind.Email), 1),
            (Key("campaign-a", "Contact-z", FollowUpKind.MissedCallEmail), 1),
            (Key("campaign-a", "contact-a", FollowUpKind.Sms), 1),
            (Key("campaign-a", "contact-a", FollowUpKind.Email), 1),
            (Key("campaign-a", "contact-a", FollowUpKind.MissedCallEmail), 1),
            (Key("a-campaign", "contact-a", FollowUpKind.Sms), 2),
        };
        foreach (var (key, minute) in expected.Reverse())
        {
            Assert.True((await store.ClaimAsync(Claim(key, ClaimedAt.AddMinutes(minute)), CancellationToken.None)).Won);
        }

        var listed = await store.ListAsync(new FollowUpQuery { AccountId = account }, CancellationToken.None);

        Assert.Equal(expected.Select(e => e.Key), listed.Select(r => r.Key));
    }

    /// <summary>Paging by the last record of each page lists every follow-up exactly once, in order, and then an empty page.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task List_PagedWithAfter_EachFollowUpExactlyOnce()
    {
        var store = await CreateStoreAsync();
        var account = NewId("account");
        var claimed = new List<FollowUpKey>();
        for (var i = 0; i < 250; i++)
        {
            // Ten claims share each second, so pages also split between records with the same claim time.
            var key = new FollowUpKey(account, $"campaign-{i % 3}", $"contact-{i:D3}", (FollowUpKind)(i % 3));
            Assert.True((await store.ClaimAsync(Claim(key, ClaimedAt.AddSeconds(i / 10)), CancellationToken.None)).Won);
            claimed.Add(key);
        }

        var query = new FollowUpQuery { AccountId = account, Limit = 100 };
        var pages = new List<IReadOnlyList<FollowUpRecord>>();
        for (var page = await store.ListAsync(query, CancellationToken.None); page.Count > 0; page = await store.ListAsync(query with { After = FollowUpCursor.After(page[^1]) }, CancellationToken.None))
        {
            pages.Add(page);
            Assert.True(pages.Count <= 3, "the pages ended");
        }

        Assert.Equal([100, 100, 50], pages.Select(p => p.Count));
        var listed = pages.SelectMany(p => p).ToList();
        Assert.Equal(claimed.Count, listed.Select(r => r.Key).Distinct().Count());
        Assert.Equal(claimed.ToHashSet(), listed.Select(r => r.Key).ToHashSet());
        Assert.All(listed.Zip(listed.Skip(1)), pair => Assert.True(ListedBefore(pair.First, pair.Second), $"{pair.First.Key} before {pair.Second.Key}"));
    }

    /// <summary>A query with a blank account or a page size out of range is refused with an <see cref="ArgumentException"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="limit">The page size.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData("", 100)]
    [InlineData("  ", 100)]
    [InlineData("account-1", 0)]
    [InlineData("account-1", 1001)]
    public async Task List_InvalidQuery_IsRefused(string accountId, int limit)
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ListAsync(new FollowUpQuery { AccountId = accountId, Limit = limit }, CancellationToken.None));
    }

    /// <summary>Whether <paramref name="x"/> is listed before <paramref name="y"/>: claim time, then campaign, contact and kind, ordinal.</summary>
    private static bool ListedBefore(FollowUpRecord x, FollowUpRecord y)
    {
        var order = x.ClaimedAt.CompareTo(y.ClaimedAt);
        order = order != 0 ? order : string.CompareOrdinal(x.Key.CampaignId, y.Key.CampaignId);
        order = order != 0 ? order : string.CompareOrdinal(x.Key.ContactId, y.Key.ContactId);
        return (order != 0 ? order : x.Key.Kind.CompareTo(y.Key.Kind)) < 0;
    }
}
