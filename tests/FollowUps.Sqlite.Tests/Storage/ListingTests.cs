using FollowUps.Sqlite.Tests.Support;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>Listing: the query's filters in SQL, pages by keyset in the order the port names, each follow-up once.</summary>
public sealed class ListingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task List_2500FollowUpsWithAFilter_PagesThroughEachMatchOnceInOrder()
    {
        var store = _folder.Store();
        var claims = new List<FollowUpRecord>();
        for (var i = 0; i < 2_500; i++)
        {
            // Pairs of kinds per contact, two campaigns, claim times out of order with many ties, some waiting.
            var key = new FollowUpKey("acme", (i / 2) % 3 == 0 ? "c2" : "c1", $"contact-{(i / 2) * 7919 % 1250:D4}", i % 2 == 0 ? FollowUpKind.Sms : FollowUpKind.Email);
            var claim = Claims.Sms(key, at: Claims.At.AddSeconds(i * 7 % 60)) with { State = i % 5 == 0 ? FollowUpState.Waiting : FollowUpState.Claimed };
            (await store.ClaimAsync(claim, CancellationToken.None)).Won.Should().BeTrue();
            claims.Add(claim);
        }

        await store.ClaimAsync(Claims.Sms(new FollowUpKey("other", "c1", "contact-0001", FollowUpKind.Sms)), CancellationToken.None);
        var query = new FollowUpQuery { AccountId = "acme", CampaignId = "c1", States = [FollowUpState.Claimed], ClaimedSince = Claims.At.AddSeconds(5), ClaimedBefore = Claims.At.AddSeconds(55), Limit = 97 };
        var expected = claims.Where(query.Matches)
            .OrderBy(r => r.ClaimedAt.UtcTicks).ThenBy(r => r.Key.CampaignId, StringComparer.Ordinal).ThenBy(r => r.Key.ContactId, StringComparer.Ordinal).ThenBy(r => r.Key.Kind)
            .Select(r => r.Key).ToList();

        var listed = new List<FollowUpRecord>();
        var pages = 0;
        for (IReadOnlyList<FollowUpRecord> page; (page = await store.ListAsync(query with { After = listed.Count == 0 ? null : FollowUpCursor.After(listed[^1]) }, CancellationToken.None)).Count > 0; pages++)
        {
            page.Count.Should().BeLessThanOrEqualTo(97);
            listed.AddRange(page);
        }

        expected.Should().HaveCountGreaterThan(1_000, "the filter keeps many pages' worth");
        listed.Select(r => r.Key).Should().Equal(expected);
        pages.Should().Be((expected.Count + 96) / 97);
        listed[0].Should().BeEquivalentTo(claims.Single(c => c.Key == expected[0]), "a listed follow-up reads whole");
    }

    [Fact]
    public async Task List_InvalidQuery_IsRefused()
    {
        var act = () => _folder.Store().ListAsync(new FollowUpQuery { AccountId = "acme", Limit = 0 }, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("FollowUpQuery.Limit must be from 1 to 1000*");
    }

    public void Dispose() => _folder.Dispose();
}
