using FollowUps.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Testing;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>
/// <see cref="SqliteStoreOptions.Synchronous"/>: every connection the store works on has SQLite's <c>synchronous</c> setting
/// it names (read back through the store's own connection path, after writes), also when two stores on one file share
/// Microsoft.Data.Sqlite's pool; the opening log says which; an undefined value is refused.
/// </summary>
public sealed class SynchronousTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData(SqliteSynchronous.Full, 2)]
    [InlineData(SqliteSynchronous.Normal, 1)]
    public async Task EveryConnection_HasTheStoresSetting_AndTheOpeningLogSaysWhich(SqliteSynchronous synchronous, long pragma)
    {
        var logger = new FakeLogger<SqliteFollowUpStore>();
        var store = new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File(), Synchronous = synchronous }, logger);
        var claim = Claims.Sms(Claims.NewKey());
        (await store.ClaimAsync(claim, CancellationToken.None)).Won.Should().BeTrue();
        (await store.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1 }, CancellationToken.None)).Should().BeTrue();

        // Two at once, so the pool hands out a second connection besides the one the writes used.
        var read = await Task.WhenAll(ReadAsync(store), ReadAsync(store), ReadAsync(store));

        store.Synchronous.Should().Be(synchronous);
        read.Should().AllBeEquivalentTo(pragma, $"PRAGMA synchronous reads {pragma} for {synchronous.ToString().ToUpperInvariant()}");
        logger.Collector.GetSnapshot().Where(r => r.Id.Id == 400).Select(r => r.Message).Should().ContainSingle()
            .Which.Should().EndWith($"(schema version 3, WAL, synchronous={synchronous.ToString().ToUpperInvariant()})");
    }

    [Fact]
    public async Task TwoStoresOnOneFile_SharingThePool_EachOperationRunsWithItsOwnStoresSetting()
    {
        var full = _folder.Store();
        var normal = new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File(), Synchronous = SqliteSynchronous.Normal });

        for (var i = 0; i < 4; i++)
        {
            // One after the other: the pool (one per connection string, and the two build the same) hands the same
            // connection to both, so a store that trusted what it set up before would run on the other's setting.
            (await ReadAsync(full)).Should().Be(2, $"round {i}: the FULL store's operation runs with synchronous=FULL");
            (await ReadAsync(normal)).Should().Be(1, $"round {i}: the NORMAL store's operation runs with synchronous=NORMAL");
        }
    }

    [Fact]
    public void Constructor_UndefinedSynchronous_ThrowsNamingTheSetting()
    {
        var act = () => new SqliteFollowUpStore(new SqliteStoreOptions { Path = _folder.File(), Synchronous = (SqliteSynchronous)7 });

        act.Should().Throw<ArgumentException>().WithMessage("SqliteStoreOptions.Synchronous must be Full or Normal (it is 7).*");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>SQLite's <c>PRAGMA synchronous</c> (1 NORMAL, 2 FULL) on a connection as the store's operations get one.</summary>
    private static async Task<long> ReadAsync(SqliteFollowUpStore store)
    {
        await store.OpenAsync();
        return await store.Database.RunAsync("read the synchronous setting", async connection =>
        {
            await using var command = new SqliteCommand("PRAGMA synchronous;", connection);
            await Task.Yield();
            return (long)(await command.ExecuteScalarAsync())!;
        }, CancellationToken.None);
    }
}
