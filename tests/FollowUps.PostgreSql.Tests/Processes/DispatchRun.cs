using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Processes;

/// <summary>
/// One dispatcher test's world: a fresh schema on the shared server holding due retries (<see cref="DueRetries"/>), a
/// store on it (the database's clock, as the children's) to watch the rows, and the fake provider.
/// </summary>
internal sealed class DispatchRun : IAsyncDisposable
{
    private DispatchRun(string schema, string accountId, string connection, PostgreSqlFollowUpStore store, LoopbackProvider provider, IReadOnlyList<FollowUpKey> keys)
    {
        (Schema, AccountId, Connection, Store, Provider, Keys) = (schema, accountId, connection, store, provider, keys);
    }

    public string Schema { get; }

    public string AccountId { get; }

    /// <summary>The children's connection string (<see cref="Fleet.ConnectionStringAsync"/>).</summary>
    public string Connection { get; }

    public PostgreSqlFollowUpStore Store { get; }

    public LoopbackProvider Provider { get; }

    /// <summary>The retries' keys.</summary>
    public IReadOnlyList<FollowUpKey> Keys { get; }

    public static async Task<DispatchRun> SeedAsync(int retries)
    {
        var schema = PostgresServer.NewSchemaName();
        var accountId = $"account-{Guid.NewGuid():N}";
        var store = await TestStores.CreateAsync(schema, databaseClock: true);
        var keys = await DueRetries.SeedAsync(store, accountId, retries);
        return new DispatchRun(schema, accountId, await Fleet.ConnectionStringAsync(), store, LoopbackProvider.Start(), keys);
    }

    /// <summary>Starts a dispatcher child named <paramref name="name"/> on this run's schema, with leases of <paramref name="leaseSeconds"/>.</summary>
    public ChildProcess StartDispatcher(Fleet fleet, string name, int leaseSeconds = 30) =>
        fleet.Start("dispatch", Connection, Schema, Provider, name, leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The run's follow-ups, in <paramref name="states"/> when given.</summary>
    public Task<IReadOnlyList<FollowUpRecord>> ListAsync(params FollowUpState[] states) =>
        Store.ListAsync(new FollowUpQuery { AccountId = AccountId, States = states.Length == 0 ? null : states, Limit = FollowUpQuery.MaxLimit }, CancellationToken.None);

    /// <summary>Waits until <paramref name="sent"/> follow-ups are sent and <paramref name="unknown"/> unknown, and nothing else is left.</summary>
    public Task WaitForAsync(int sent, int unknown) => Eventually.HoldsAsync(
        async () =>
        {
            var records = await ListAsync();
            return records.Count(r => r.State == FollowUpState.Sent) == sent && records.Count(r => r.State == FollowUpState.Unknown) == unknown && records.Count == sent + unknown;
        },
        $"{sent} follow-ups sent and {unknown} unknown",
        ChildProcess.Patience);

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Store.DisposeAsync();
    }
}
