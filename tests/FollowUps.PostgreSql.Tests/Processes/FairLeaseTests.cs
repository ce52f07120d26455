using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>Dispatchers leasing at once with a per-account limit share nothing and keep the limit in every lease.</summary>
public sealed class FairLeaseTests
{
    [Fact]
    public async Task LeaseDue_FourDispatchersAtOnceWithMaxPerAccount2_NeverShareARowAndHoldAtMost2OfAnAccountEach()
    {
        var store = await TestStores.CreateAsync();
        var now = DateTimeOffset.Parse("2026-01-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        string[] accounts = ["a", "b", "c"];
        foreach (var (account, i) in accounts.SelectMany(account => Enumerable.Range(0, 20).Select(i => (account, i))))
        {
            var sample = SampleFollowUps.Claim(now.AddMinutes(-30 + i));
            var key = new FollowUpKey(account, "campaign", $"contact-{i}", FollowUpKind.Sms);
            var claim = sample with { Key = key, Sms = sample.Sms! with { Key = key } };
            (await store.ClaimAsync(claim, CancellationToken.None)).Won.Should().BeTrue();
        }

        using var start = new Barrier(4);
        var leases = await Task.WhenAll(Enumerable.Range(0, 4).Select(d => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await store.LeaseDueAsync(new($"dispatcher-{d}", now, now.AddMinutes(2), 10) { MaxPerAccount = 2 }, CancellationToken.None);
        })));

        var all = leases.SelectMany(lease => lease).ToList();
        all.Select(r => r.Key).Should().OnlyHaveUniqueItems();
        leases.Should().AllSatisfy(lease => lease.GroupBy(r => r.Key.AccountId).Should().AllSatisfy(account => account.Count().Should().BeLessThanOrEqualTo(2)));
        all.Should().HaveCount(24, "each dispatcher gets the next two of each account: 4 × 3 × 2");
        (await Task.WhenAll(all.Select(r => store.FindAsync(r.Key, CancellationToken.None)))).Select(r => r!.LeaseOwner).Should().Equal(all.Select(r => r.LeaseOwner));
    }
}
