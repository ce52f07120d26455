using FollowUps.PostgreSql.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Schema;

/// <summary>The store creates its schema on first use: version 2 and its tables, once, however many hosts start together.</summary>
public sealed class SchemaCreationTests
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    [Fact]
    public async Task Open_FreshSchema_CreatesVersion2AndTheTables()
    {
        var logger = new FakeLogger<PostgreSqlFollowUpStore>();
        var store = new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { DataSource = await TestStores.DataSourceAsync(), Schema = _schema }, logger);

        await store.OpenAsync();

        (await ServerSql.TablesAsync(_schema)).Should().Equal("follow_up_history", "follow_ups", "schema_version", "suppressions");
        (await ServerSql.ScalarAsync<string>($"SELECT format('%s/%s', version, minimum_reader_version) FROM {_schema}.schema_version;")).Should().Be("2/1");
        logger.Collector.GetSnapshot().Select(r => r.Id.Id).Should().Equal(451, 450);
    }

    [Fact]
    public async Task Open_EightStoresOnOneFreshSchemaAtOnce_AllSucceedAndOneCreatesIt()
    {
        var server = await PostgresServer.ConnectionStringAsync();
        var logger = new FakeLogger<PostgreSqlFollowUpStore>();
        var sources = Enumerable.Range(0, 8).Select(_ => NpgsqlDataSource.Create(server)).ToList();
        try
        {
            var stores = sources.Select(source => new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { DataSource = source, Schema = _schema, TransientRetries = 0 }, logger)).ToList();
            foreach (var source in sources)
            {
                await using var warm = await source.OpenConnectionAsync(); // Each has its connection ready, so the opens race.
            }

            using var start = new Barrier(stores.Count);
            var opens = stores.Select(store => Task.Run(() =>
            {
                start.SignalAndWait();
                return store.OpenAsync();
            }));

            await Task.WhenAll(opens);

            logger.Collector.GetSnapshot().Count(r => r.Id.Id == 451).Should().Be(1, "one store creates the schema; the others wait for its lock and find it");
            logger.Collector.GetSnapshot().Count(r => r.Id.Id == 450).Should().Be(8);
            (await ServerSql.ScalarAsync<long>($"SELECT count(*) FROM {_schema}.schema_version;")).Should().Be(1);
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }
}
