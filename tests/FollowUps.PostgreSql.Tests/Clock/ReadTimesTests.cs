using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Clock;

/// <summary>
/// On the database's clock, a lease end or a due time a host read from the store is already on the database's clock: a
/// move that keeps it (an operator's cancel request on a follow-up being sent, a lease renewed while a provider is asked
/// about an unknown send) writes it back as it was, however wrong the writing host's clock is.
/// </summary>
public sealed class ReadTimesTests
{
    private readonly string _schema = PostgresServer.NewSchemaName();
    private readonly TimeProvider _fastClock = new OffsetClock(TimeSpan.FromHours(1));

    [Fact]
    public async Task CancelRequestOnASend_WrittenByAHostAnHourAhead_KeepsTheSendersLease()
    {
        var (sender, fastHost) = await HostsAsync();
        var now = TimeProvider.System.GetUtcNow();
        var claim = SampleFollowUps.Claim(now, owner: "sender");
        await sender.ClaimAsync(claim, CancellationToken.None);
        (await sender.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = now, DueAt = null, LeaseExpiresAt = now.AddMinutes(1) }, CancellationToken.None)).Should().BeTrue();
        var leaseEnd = await LeaseEndAsync();
        var read = (await fastHost.FindAsync(claim.Key, CancellationToken.None))!;
        var request = FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.OperatorDecision, "By hand, to be cancelled unless it went");

        (await fastHost.TryUpdateAsync(read, read with { CancelRequest = request, Outcome = request }, CancellationToken.None)).Should().BeTrue();

        (await LeaseEndAsync()).Should().Be(leaseEnd, "the sender's lease is the one it took, not an hour earlier");
        (await sender.LeaseDueAsync(new("another-dispatcher", now, now.AddMinutes(1), 10), CancellationToken.None)).Should().BeEmpty("the send is live");
    }

    [Fact]
    public async Task LeaseRenewedOnAnUnknownSend_ByAHostAnHourAhead_KeepsItsDueTime()
    {
        var (sender, fastHost) = await HostsAsync();
        var now = TimeProvider.System.GetUtcNow();
        var claim = SampleFollowUps.Claim(now, owner: "sender");
        await sender.ClaimAsync(claim, CancellationToken.None);
        var sending = claim with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = now, DueAt = null, LeaseExpiresAt = now.AddMinutes(1) };
        (await sender.TryUpdateAsync(claim, sending, CancellationToken.None)).Should().BeTrue();
        var unknown = sending with { State = FollowUpState.Unknown, LeaseOwner = null, LeaseExpiresAt = null, DueAt = now.AddMinutes(-1), Outcome = FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.None, "unknown") };
        (await sender.TryUpdateAsync(sending, unknown, CancellationToken.None)).Should().BeTrue();
        var asked = (await fastHost.LeaseDueAsync(new("asker", _fastClock.GetUtcNow(), _fastClock.GetUtcNow().AddMinutes(1), 10), CancellationToken.None)).Should().ContainSingle().Which;
        var dueAt = await ServerSql.ScalarAsync<DateTime>($"SELECT due_at FROM {_schema}.follow_ups;");

        (await fastHost.TryUpdateAsync(asked, asked with { LeaseExpiresAt = _fastClock.GetUtcNow().AddMinutes(1) }, CancellationToken.None)).Should().BeTrue();

        (await ServerSql.ScalarAsync<DateTime>($"SELECT due_at FROM {_schema}.follow_ups;")).Should().Be(dueAt, "the renewal changes the lease alone");
        (await ServerSql.ScalarAsync<double>($"SELECT extract(epoch FROM lease_expires_at - now())::float8 FROM {_schema}.follow_ups;")).Should().BeInRange(50, 60);
    }

    private async Task<(PostgreSqlFollowUpStore Sender, PostgreSqlFollowUpStore FastHost)> HostsAsync() =>
        (await TestStores.CreateAsync(_schema, TimeProvider.System, databaseClock: true), await TestStores.CreateAsync(_schema, _fastClock, databaseClock: true));

    private Task<DateTime> LeaseEndAsync() => ServerSql.ScalarAsync<DateTime>($"SELECT lease_expires_at FROM {_schema}.follow_ups;");
}
