using FollowUps.Internal;

namespace FollowUps.Tests.Internal;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Get_SameKeyTwice_ComputesOnce()
    {
        var computed = 0;
        var cache = new BoundedCache<string, int>(4, key => { computed++; return key.Length; });

        cache.Get("abc").Should().Be(3);
        cache.Get("abc").Should().Be(3);

        computed.Should().Be(1);
    }

    [Fact]
    public void Get_MoreKeysThanCapacity_StartsOverAndNeverHoldsMore()
    {
        var cache = new BoundedCache<int, int>(3, key => key * 2);

        for (var key = 0; key < 10; key++)
        {
            cache.Get(key).Should().Be(key * 2);
            cache.Count.Should().BeInRange(1, 3);
        }
    }
}
