using FollowUps.PostgreSql.Storage;
using FollowUps.PostgreSql.Tests.Support;
using Npgsql;

namespace FollowUps.PostgreSql.Tests;

/// <summary>
/// <see cref="PostgreSqlFollowUpStore.ClaimAndStartAsync"/> beside writes of the do-not-contact list, on a real server:
/// an entry is written wholly before the claim reads the list, or after the claim commits. The contract suite
/// (<see cref="PostgreSqlClaimStarterContractTests"/>) covers the rest.
/// </summary>
public sealed class ClaimAndStartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _schema = PostgresServer.NewSchemaName();
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task AnEntryWrittenWhileTheClaimWaits_ComesWhollyBefore_AndTheFollowUpStaysClaimed()
    {
        var store = await TestStores.CreateAsync(_schema);
        var claim = SampleFollowUps.Claim(_now, owner: "engine-1");
        await store.FindAsync(claim.Key, CancellationToken.None); // The schema, created first.
        var sql = new Statements(_schema, databaseClock: false);
        await using var writer = await (await TestStores.DataSourceAsync()).OpenConnectionAsync();
        await using var transaction = await writer.BeginTransactionAsync();

        // A write of the list under way, as the store's own: the account's lock, then the entry, not yet committed.
        await ExecuteAsync(writer, transaction, sql.LockList, ("account", claim.Key.AccountId));
        await ExecuteAsync(writer, transaction, sql.AddSuppression, ("account", claim.Key.AccountId), ("targetKind", (short)SuppressionTargetKind.Phone), ("value", "+14155552671"), ("reason", (short)SuppressionReason.OptOutReply), ("created", _now));
        var start = store.ClaimAndStartAsync(claim, Sending(claim), CancellationToken.None).AsTask();
        await WaitUntilWaitingForTheLockAsync(writer, $"{_schema}.suppressions", claim.Key.AccountId, start);
        await transaction.CommitAsync();

        var started = await start.WaitAsync(Patience);

        started.Won.Should().BeTrue();
        started.Suppression.Should().NotBeNull("the entry committed before the claim read the list");
        started.Suppression!.Target.Should().Be(new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671"));
        started.Started.Should().BeFalse();
        (await store.FindAsync(claim.Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Claimed);
    }

    [Fact]
    public async Task ClaimsOfOneAccount_DoNotWaitForOneAnother()
    {
        var store = await TestStores.CreateAsync(_schema);
        var first = SampleFollowUps.Claim(_now, owner: "engine-1");
        var second = first with { Key = first.Key with { ContactId = $"contact-{Guid.NewGuid():N}" } };
        var sql = new Statements(_schema, databaseClock: false);
        await store.FindAsync(first.Key, CancellationToken.None);
        await using var other = await (await TestStores.DataSourceAsync()).OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();

        // Another claim of the account holding the list's lock shared, not yet committed.
        await ExecuteAsync(other, transaction, sql.ShareList, ("account", first.Key.AccountId));
        var started = await store.ClaimAndStartAsync(second, Sending(second), CancellationToken.None).AsTask().WaitAsync(Patience);
        await transaction.CommitAsync();

        started.Started.Should().BeTrue("a shared hold of the account's lock does not stop another claim");
    }

    private static FollowUpRecord Sending(FollowUpRecord claim) =>
        claim with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = claim.ClaimedAt, DueAt = null };

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Waits until a session waits for the advisory lock on (<paramref name="space"/>, <paramref name="account"/>), hashed
    /// as the store hashes them (the claim, waiting for the list's lock); fails if <paramref name="start"/> ends first.
    /// </summary>
    private static async Task WaitUntilWaitingForTheLockAsync(NpgsqlConnection writer, string space, string account, Task start)
    {
        const string Waiting = """
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 2
                AND classid::bigint = (hashtext(@space)::bigint & 4294967295) AND objid::bigint = (hashtext(@account)::bigint & 4294967295);
            """;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < Patience)
        {
            start.IsCompleted.Should().BeFalse("the claim cannot read the list while its write is under way");
            await using var command = new NpgsqlCommand(Waiting, writer);
            command.Parameters.AddWithValue("space", space);
            command.Parameters.AddWithValue("account", account);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The claim never waited for the list's lock.");
    }
}
