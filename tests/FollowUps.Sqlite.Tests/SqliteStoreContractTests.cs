using FollowUps.Sqlite.Tests.Support;
using FollowUps.Testing;

namespace FollowUps.Sqlite.Tests;

/// <summary>The SQLite store keeps the promises every outbox keeps, on a real file.</summary>
public sealed class SqliteFollowUpStoreContractTests : FollowUpStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IFollowUpStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<IFollowUpStore>(new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File(), BusyTimeout = TimeSpan.FromSeconds(5) }, timeProvider: time));

    public void Dispose() => _folder.Dispose();
}

/// <summary>The SQLite store claims, checks its list and starts a send in one write, as a claim starter promises, on a real file.</summary>
public sealed class SqliteClaimStarterContractTests : ClaimStarterContract<SqliteFollowUpStore>, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<SqliteFollowUpStore> CreateStoreAsync(TimeProvider time) => Task.FromResult(_folder.Store(time: time));

    public void Dispose() => _folder.Dispose();
}

/// <summary>The SQLite store keeps the promises every do-not-contact list keeps, on a real file.</summary>
public sealed class SqliteSuppressionStoreContractTests : SuppressionStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<ISuppressionStore> CreateSuppressionStoreAsync() => Task.FromResult<ISuppressionStore>(_folder.Store());

    public void Dispose() => _folder.Dispose();
}

/// <summary>The engine and the dispatcher keep the outbox's promises on a real SQLite file.</summary>
public sealed class SqliteDeliveryContractTests : DeliveryContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override Task<IFollowUpStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<IFollowUpStore>(new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File($"{Guid.NewGuid():N}.db"), BusyTimeout = TimeSpan.FromSeconds(5) }, timeProvider: time));

    public void Dispose() => _folder.Dispose();
}
