using FollowUps.PostgreSql.Tests.Support;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Faults;

/// <summary>
/// A statement that waits too long (another transaction holds a lock the claim needs): the call fails for itself, at
/// once, without the store trying the same wait again, and the store works once the lock is gone.
/// </summary>
public sealed class StatementTimeoutTests
{
    private const int Retrying = 454;

    [Theory]
    [InlineData(";Command Timeout=1")] // the client's timeout: Npgsql cancels the statement and calls it transient
    [InlineData(";Options=-c lock_timeout=1000")] // the server's lock_timeout: 55P03, which Npgsql calls transient
    [InlineData(";Options=-c statement_timeout=1000")] // the server's statement_timeout: 57014, not transient
    public async Task Call_WhileAnotherTransactionHoldsTheLockPastTheTimeout_ReportsStoreUnavailableWithoutRetrying_AndSendsOnceItIsReleased(string timeout)
    {
        var server = await PostgresServer.ConnectionStringAsync();
        var name = PostgresServer.NewSchemaName();
        await using var source = Backends.Named(server, name, timeout);
        await using var host = new FaultHost(source, name, transientRetries: 3);
        (await host.CallAsync("contact-0")).Sms.Status.Should().Be(OutcomeStatus.Sent);

        FollowUpReport waited;
        await using (var locker = new NpgsqlConnection(server + ";Pooling=false"))
        {
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var share = new NpgsqlCommand($"LOCK TABLE {name}.follow_ups IN SHARE MODE", locker, transaction))
            {
                await share.ExecuteNonQueryAsync(); // Readers pass; the claim's INSERT waits.
            }

            waited = await host.CallAsync("contact-1");
            await transaction.RollbackAsync();
        }

        var after = await host.CallAsync("contact-1");

        waited.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.StoreUnavailable });
        host.Logs.Collector.GetSnapshot().Should().NotContain(log => log.Id.Id == Retrying, "a wait that ran out is not tried again: it would only wait as long again");
        after.Sms.Status.Should().Be(OutcomeStatus.Sent);
        host.Sent.Messages.Select(message => message.Key.ContactId).Should().Equal("contact-0", "contact-1");
    }
}
