using FollowUps.PostgreSql.Tests.Support;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Faults;

/// <summary>
/// The store's connections dropped under it (<c>pg_terminate_backend</c>, as an administrator, a proxy or a failover
/// does): the pool's idle connections are all dead, and the store must not spend its tries on them one by one.
/// </summary>
public sealed class DroppedConnectionTests
{
    private const int Idle = 6;

    [Fact]
    public async Task Claim_AfterEveryPooledConnectionWasTerminated_IsRetriedInsideTheStoreAndSucceeds()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        var name = PostgresServer.NewSchemaName();
        await using var source = Backends.Named(server, name);
        await using var store = new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { DataSource = source, Schema = name, TransientRetries = 3, UseDatabaseClock = false });
        var held = FaultClaims.Sms("before");
        (await store.ClaimAsync(held, CancellationToken.None)).Won.Should().BeTrue();
        await Backends.FillPoolAsync(source, Idle);

        (await Backends.TerminateAsync(server, name)).Should().BeGreaterThanOrEqualTo(Idle);

        var claim = FaultClaims.Sms("after");
        (await store.ClaimAsync(claim, CancellationToken.None)).Won.Should().BeTrue("a dropped connection is transient: the store tries again on a fresh one");
        (await store.FindAsync(claim.Key, CancellationToken.None)).Should().BeEquivalentTo(claim);
        (await store.FindAsync(held.Key, CancellationToken.None)).Should().BeEquivalentTo(held);
    }

    [Fact]
    public async Task Call_WithoutRetriesAfterTheConnectionsWereTerminated_ReportsStoreUnavailable_AndTheNextCallSends()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        var name = PostgresServer.NewSchemaName();
        await using var source = Backends.Named(server, name);
        await using var host = new FaultHost(source, name, transientRetries: 0);
        (await host.CallAsync("contact-0")).Sms.Status.Should().Be(OutcomeStatus.Sent);
        await Backends.FillPoolAsync(source, Idle);
        await Backends.TerminateAsync(server, name);

        var failed = await host.CallAsync("contact-1");
        var next = await host.CallAsync("contact-2");

        failed.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.StoreUnavailable });
        next.Sms.Status.Should().Be(OutcomeStatus.Sent, "the failed call cleared the pool of the dead connections");
        host.Sent.Messages.Select(message => message.Key.ContactId).Should().Equal("contact-0", "contact-2");
        (await host.Store.FindAsync(FaultHost.SmsKey("contact-1"), CancellationToken.None)).Should().BeNull("nothing was claimed for the failed call");
    }

    [Fact]
    public async Task NpgsqlClassification_TerminatedBackendAndRefusedConnection_AreTransient()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        var name = PostgresServer.NewSchemaName();
        await using var source = Backends.Named(server, name);
        await Backends.FillPoolAsync(source, 1);
        await Backends.TerminateAsync(server, name);
        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);

        var terminated = (await FluentActions.Awaiting(() => command.ExecuteScalarAsync()).Should().ThrowAsync<NpgsqlException>()).Which;
        var refused = (await FluentActions.Awaiting(() => new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=x;Pooling=false").OpenAsync()).Should().ThrowAsync<NpgsqlException>()).Which;

        terminated.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.AdminShutdown);
        terminated.IsTransient.Should().BeTrue();
        refused.Should().NotBeOfType<PostgresException>();
        refused.IsTransient.Should().BeTrue();
    }
}
