using FollowUps.PostgreSql.Storage;
using FollowUps.PostgreSql.Tests.Support;
using Npgsql;

namespace FollowUps.PostgreSql.Tests;

/// <summary>
/// <see cref="PostgreSqlFollowUpStore.ClaimAndStartAsync"/> beside writes of the do-not-contact list, on a real server:
/// both take the account's lock of the list (<see cref="Statements.ListLockSpace"/>), so an entry is written wholly
/// before the claim reads the list, or after the claim commits. Each side is held open by hand in a transaction of the
/// test's own, with the store's own statement, while the store's call on the other side waits. The contract suite
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
        await WaitUntilWaitingForTheLockAsync(writer, claim.Key.AccountId, start);
        await transaction.CommitAsync();

        var started = await start.WaitAsync(Patience);

        started.Won.Should().BeTrue();
        started.Suppression.Should().NotBeNull("the entry committed before the claim read the list");
        started.Suppression!.Target.Should().Be(new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671"));
        started.Started.Should().BeFalse();
        (await store.FindAsync(claim.Key, CancellationToken.None))!.State.Should().Be(FollowUpState.Claimed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWriteOfTheList_WaitsForAClaimInProgress_AndFinishesOnceItCommits(bool add)
    {
        var store = await TestStores.CreateAsync(_schema);
        var claim = SampleFollowUps.Claim(_now, owner: "engine-1");
        var target = new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671");
        var entry = new SuppressionEntry { AccountId = claim.Key.AccountId, Target = target, Reason = SuppressionReason.OptOutReply, CreatedAt = _now };
        if (!add)
        {
            await store.AddSuppressionAsync(entry, CancellationToken.None);
        }

        var sql = new Statements(_schema, databaseClock: false);
        await using var claimer = await (await TestStores.DataSourceAsync()).OpenConnectionAsync();
        await using var transaction = await claimer.BeginTransactionAsync();

        // A claim of the account in progress, as the store's own: the list's lock held shared, not yet committed.
        await ExecuteAsync(claimer, transaction, sql.ShareList, ("account", claim.Key.AccountId));
        var write = add ? store.AddSuppressionAsync(entry, CancellationToken.None) : store.RemoveSuppressionAsync(entry.AccountId, target, CancellationToken.None);
        await WaitUntilWaitingForTheLockAsync(claimer, claim.Key.AccountId, write);
        await transaction.CommitAsync();
        await write.WaitAsync(Patience);

        (await store.FindSuppressionAsync(entry.AccountId, [target], CancellationToken.None) is not null).Should().Be(add);
    }

    [Fact]
    public async Task AClaimInProgress_DoesNotStopAnotherClaimOfTheAccount()
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
    /// Waits until a session waits for the account's lock of the list (<see cref="Statements.ListLockSpace"/>, the
    /// account's id hashed; the key's two halves as <c>pg_locks</c> shows them); fails if <paramref name="waiting"/>, the
    /// store's call that should be waiting, ends first.
    /// </summary>
    private static async Task WaitUntilWaitingForTheLockAsync(NpgsqlConnection connection, string account, Task waiting)
    {
        const string Waiting = """
            SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 2
                AND classid::bigint = @space AND objid::bigint = (hashtext(@account)::bigint & 4294967295);
            """;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < Patience)
        {
            waiting.IsCompleted.Should().BeFalse("the store's call cannot go on while the other side holds the account's lock of the list");
            await using var command = new NpgsqlCommand(Waiting, connection);
            command.Parameters.AddWithValue("space", (long)Statements.ListLockSpace);
            command.Parameters.AddWithValue("account", account);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The store's call never waited for the account's lock of the list.");
    }
}
