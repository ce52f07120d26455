using FollowUps.PostgreSql.Tests.Support;
using FollowUps.Testing;

namespace FollowUps.PostgreSql.Tests;

/// <summary>The PostgreSQL store keeps the promises every outbox keeps, on a real server (one schema per test).</summary>
public sealed class PostgreSqlFollowUpStoreContractTests : FollowUpStoreContract
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    protected override async Task<IFollowUpStore> CreateStoreAsync(TimeProvider time) => await TestStores.CreateAsync(_schema, time);
}

/// <summary>The PostgreSQL store keeps the promises every do-not-contact list keeps, on a real server.</summary>
public sealed class PostgreSqlSuppressionStoreContractTests : SuppressionStoreContract
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    protected override async Task<ISuppressionStore> CreateSuppressionStoreAsync() => await TestStores.CreateAsync(_schema);
}

/// <summary>The engine and the dispatcher keep the outbox's promises on a real PostgreSQL server.</summary>
public sealed class PostgreSqlDeliveryContractTests : DeliveryContract
{
    protected override async Task<IFollowUpStore> CreateStoreAsync(TimeProvider time) => await TestStores.CreateAsync(time: time);
}

/// <summary>The PostgreSQL store claims, checks the list and starts a send in one transaction as every claim starter does.</summary>
public sealed class PostgreSqlClaimStarterContractTests : ClaimStarterContract<PostgreSqlFollowUpStore>
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    protected override async Task<PostgreSqlFollowUpStore> CreateStoreAsync(TimeProvider time) => await TestStores.CreateAsync(_schema, time);
}
