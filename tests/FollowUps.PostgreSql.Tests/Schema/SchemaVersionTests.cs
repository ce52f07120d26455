using FollowUps.PostgreSql.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FollowUps.PostgreSql.Tests.Schema;

/// <summary>A schema of another version: a newer one that declares this code compatible is used; one that does not, or one FollowUps did not make, is refused.</summary>
public sealed class SchemaVersionTests
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    [Fact]
    public async Task Open_NewerSchemaWhoseMinimumReaderIsThisVersion_IsUsedWithAWarning()
    {
        await CreateAsync();
        await ServerSql.ExecuteAsync($"UPDATE {_schema}.schema_version SET version = 3, minimum_reader_version = 2;");
        var logger = new FakeLogger<PostgreSqlFollowUpStore>();
        var store = await StoreAsync(logger);

        var claim = await store.ClaimAsync(SampleFollowUps.Claim(TimeProvider.System.GetUtcNow()), CancellationToken.None);

        claim.Won.Should().BeTrue();
        var warning = logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 453).Which;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain("version 3, newer than this code's 2");
    }

    [Fact]
    public async Task Open_NewerSchemaThatNeedsANewerReader_IsRefusedNamingBothVersions()
    {
        await CreateAsync();
        await ServerSql.ExecuteAsync($"UPDATE {_schema}.schema_version SET version = 4, minimum_reader_version = 3;");
        var store = await StoreAsync();

        var act = () => store.FindAsync(SampleFollowUps.NewKey(), CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain($"schema '{_schema}'").And.Contain("is version 4").And.Contain("this code reads schema version 2").And.Contain("schema version 3 or later");
    }

    [Fact]
    public async Task Open_SchemaHoldingSomeoneElsesTablesButNoVersion_IsRefusedAndLeftAlone()
    {
        await ServerSql.ExecuteAsync($"CREATE SCHEMA {_schema}; CREATE TABLE {_schema}.invoices (id int PRIMARY KEY);");
        var store = await StoreAsync();

        var act = () => store.OpenAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("has tables but no FollowUps schema version").And.Contain("PostgreSqlStoreOptions.Schema");
        (await ServerSql.TablesAsync(_schema)).Should().Equal("invoices");
    }

    [Fact]
    public async Task Open_SchemaOfThisVersion_IsUsedAsItIs()
    {
        await CreateAsync();
        var logger = new FakeLogger<PostgreSqlFollowUpStore>();

        await (await StoreAsync(logger)).OpenAsync();

        logger.Collector.GetSnapshot().Select(r => r.Id.Id).Should().Equal(450);
    }

    private async Task CreateAsync() => await (await StoreAsync()).OpenAsync();

    private async Task<PostgreSqlFollowUpStore> StoreAsync(ILogger<PostgreSqlFollowUpStore>? logger = null) =>
        new(new PostgreSqlStoreOptions { DataSource = await TestStores.DataSourceAsync(), Schema = _schema }, logger);
}
