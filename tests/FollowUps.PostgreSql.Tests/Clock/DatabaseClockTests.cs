using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Clock;

/// <summary>
/// Two hosts whose clocks are an hour apart, one an hour behind the database, one an hour ahead, share a schema. On the
/// database's clock (<see cref="PostgreSqlStoreOptions.UseDatabaseClock"/>, the default) they agree on when a lease ends
/// and when a retry is due; on the hosts' clocks they do not. Each scenario runs both ways: what the database's clock
/// promises is exactly what the hosts' clocks break.
/// </summary>
public sealed class DatabaseClockTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly string _schema = PostgresServer.NewSchemaName();
    private readonly TimeProvider _slowClock = new OffsetClock(-Hour);
    private readonly TimeProvider _fastClock = new OffsetClock(Hour);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LeaseTakenByTheSlowHost_IsNotTakenByTheFastHostBeforeItEnds(bool databaseClock)
    {
        var (slow, fast) = await HostsAsync(databaseClock);
        var claim = SampleFollowUps.Claim(_slowClock.GetUtcNow());
        await slow.ClaimAsync(claim, CancellationToken.None);
        // A minute, not the 3 s the test below waits out: a pause of a few seconds on a loaded machine between the two
        // leases must not end the lease before the fast host asks.
        (await LeaseAsync(slow, _slowClock, "slow-dispatcher", TimeSpan.FromMinutes(1))).Should().ContainSingle();

        var takenByTheFastHost = await LeaseAsync(fast, _fastClock, "fast-dispatcher");

        takenByTheFastHost.Should().HaveCount(databaseClock ? 0 : 1, databaseClock
            ? "the slow host's one-minute lease runs to a minute after the database's now, whatever either host's clock says"
            : "on the hosts' clocks the slow host's lease ended an hour and more ago by the fast host's clock");
        if (databaseClock)
        {
            (await ServerSql.ScalarAsync<bool>($"SELECT lease_expires_at > now() FROM {_schema}.follow_ups;")).Should().BeTrue("the fast host asked while the lease held");
        }
    }

    [Fact]
    public async Task LeaseTakenByTheSlowHost_OnTheDatabasesClock_IsTakenByTheFastHostOnceItEnds()
    {
        var (slow, fast) = await HostsAsync(databaseClock: true);
        await slow.ClaimAsync(SampleFollowUps.Claim(_slowClock.GetUtcNow()), CancellationToken.None);
        (await LeaseAsync(slow, _slowClock, "slow-dispatcher")).Should().ContainSingle();
        var leaseEnd = await ServerSql.ScalarAsync<DateTime>($"SELECT lease_expires_at FROM {_schema}.follow_ups;");

        var taken = await PollAsync(() => LeaseAsync(fast, _fastClock, "fast-dispatcher"), TimeSpan.FromSeconds(30));

        taken.Should().ContainSingle().Which.LeaseOwner.Should().Be("fast-dispatcher");
        (await ServerSql.ScalarAsync<DateTime>($"SELECT now()::timestamptz;")).Should().BeOnOrAfter(leaseEnd);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RetryDueThirtySecondsFromNow_WrittenByTheSlowHost_IsNotDueNow(bool databaseClock)
    {
        var (slow, fast) = await HostsAsync(databaseClock);
        var now = _slowClock.GetUtcNow();
        var claim = SampleFollowUps.Claim(now, owner: "slow-claimer");
        await slow.ClaimAsync(claim, CancellationToken.None);
        var sending = claim with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = now, DueAt = null, LeaseExpiresAt = now.AddMinutes(1) };
        (await slow.TryUpdateAsync(claim, sending, CancellationToken.None)).Should().BeTrue();
        var waiting = sending with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = _slowClock.GetUtcNow().AddSeconds(30), WaitReason = WaitReason.Retry };
        (await slow.TryUpdateAsync(sending, waiting, CancellationToken.None)).Should().BeTrue();

        var due = await LeaseAsync(fast, _fastClock, "fast-dispatcher");

        due.Should().HaveCount(databaseClock ? 0 : 1, databaseClock
            ? "the retry is due 30 s after the database's now"
            : "on the hosts' clocks the slow host's 30 s from now was an hour ago");
        if (databaseClock)
        {
            (await ServerSql.ScalarAsync<double>($"SELECT extract(epoch FROM due_at - now())::float8 FROM {_schema}.follow_ups;")).Should().BeInRange(20, 30);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ClaimsLeaseWrittenByAHostAnHourBehind_IsNotExpiredAtOnce(bool databaseClock)
    {
        var (slow, fast) = await HostsAsync(databaseClock);
        await slow.ClaimAsync(SampleFollowUps.Claim(_slowClock.GetUtcNow(), owner: "slow-claimer", lease: TimeSpan.FromMinutes(1)), CancellationToken.None);

        var taken = await LeaseAsync(fast, _fastClock, "fast-dispatcher");

        taken.Should().HaveCount(databaseClock ? 0 : 1, databaseClock
            ? "the claimer's minute runs from the database's now"
            : "on the hosts' clocks the claimer's minute ended 59 minutes before it began");
        if (databaseClock)
        {
            (await ServerSql.ScalarAsync<double>($"SELECT extract(epoch FROM lease_expires_at - now())::float8 FROM {_schema}.follow_ups;")).Should().BeInRange(50, 60);
        }
    }

    private async Task<(PostgreSqlFollowUpStore Slow, PostgreSqlFollowUpStore Fast)> HostsAsync(bool databaseClock) =>
        (await TestStores.CreateAsync(_schema, _slowClock, databaseClock), await TestStores.CreateAsync(_schema, _fastClock, databaseClock));

    /// <summary>A dispatcher's lease: what is due by its clock's now, for <paramref name="lease"/> (3 s when not given).</summary>
    private static Task<IReadOnlyList<FollowUpRecord>> LeaseAsync(PostgreSqlFollowUpStore store, TimeProvider clock, string owner, TimeSpan? lease = null)
    {
        var now = clock.GetUtcNow();
        return store.LeaseDueAsync(new(owner, now, now + (lease ?? TimeSpan.FromSeconds(3)), 10), CancellationToken.None);
    }

    /// <summary>Asks again every 100 ms until something is leased or <paramref name="timeout"/> passes; returns the last answer.</summary>
    private static async Task<IReadOnlyList<FollowUpRecord>> PollAsync(Func<Task<IReadOnlyList<FollowUpRecord>>> lease, TimeSpan timeout)
    {
        using var giveUp = new CancellationTokenSource(timeout);
        while (true)
        {
            var leased = await lease();
            if (leased.Count > 0 || giveUp.IsCancellationRequested)
            {
                return leased;
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }
}
