using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Schema;

/// <summary>
/// <see cref="PostgreSqlStoreOptions.ManageSchema"/> off: the host's migrations run the package's SQL, and the store only
/// checks that the schema is there and of a version it reads.
/// </summary>
public sealed class HostMigrationTests
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    [Fact]
    public async Task Open_HostManagesAMissingSchema_IsRefusedNamingTheSqlFilesAndCreatesNothing()
    {
        var store = await StoreAsync();

        var act = () => store.OpenAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain($"schema '{_schema}'").And.Contain("has not been created").And.Contain("sql/ files (001-create.sql, 002-leases-by-account.sql)").And.Contain("ManageSchema is false");
        (await ServerSql.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{_schema}');")).Should().BeFalse();
    }

    [Fact]
    public async Task Open_HostRanTheShippedSqlAsItsMigration_IsAcceptedAndWorks()
    {
        var store = await StoreAsync();
        await store.Invoking(s => s.OpenAsync()).Should().ThrowAsync<InvalidOperationException>();

        await ServerSql.ExecuteAsync($"BEGIN; CREATE SCHEMA {_schema}; SET LOCAL search_path TO {_schema};\n{string.Join("\n", Storage.Schema.Steps.Select(Storage.Schema.Sql))}\nCOMMIT;");
        var claim = SampleFollowUps.Claim(TimeProvider.System.GetUtcNow());

        (await store.ClaimAsync(claim, CancellationToken.None)).Won.Should().BeTrue();
        (await store.FindAsync(claim.Key, CancellationToken.None))!.CallId.Should().Be("call-1");
        (await ServerSql.ScalarAsync<long>($"SELECT count(*) FROM {_schema}.follow_ups;")).Should().Be(1);
    }

    private async Task<PostgreSqlFollowUpStore> StoreAsync() =>
        new(new PostgreSqlStoreOptions { DataSource = await TestStores.DataSourceAsync(), Schema = _schema, ManageSchema = false });
}
