using FollowUps.PostgreSql.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace FollowUps.PostgreSql.Tests.Schema;

/// <summary>A schema an older FollowUps.PostgreSql made is upgraded step by step when the store opens it, its rows kept.</summary>
public sealed class SchemaUpgradeTests
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    [Fact]
    public async Task Open_Version1Schema_UpgradesTo2WithTheSenderIndexAndKeepsItsRows()
    {
        var due = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await ServerSql.ExecuteAsync($"""
            BEGIN; CREATE SCHEMA {_schema}; SET LOCAL search_path TO {_schema};
            {Storage.Schema.Sql("001-create.sql")}
            INSERT INTO follow_ups (account_id, campaign_id, contact_id, kind, claim_id, call_id, targets, message, state, attempts, wait_reason, claimed_at, deadline, due_at, history_seq)
            SELECT 'acme', 'campaign', 'contact-' || i, 0, 'claim', 'call', ARRAY['0:contact-' || i], '{"{}"}', 0, 0, 0, '{due:O}', '{due.AddDays(1):O}', '{due:O}', 1 FROM generate_series(1, 3) i;
            COMMIT;
            """);
        var logger = new FakeLogger<PostgreSqlFollowUpStore>();
        var store = new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { DataSource = await TestStores.DataSourceAsync(), Schema = _schema }, logger);

        var leased = await store.LeaseDueAsync(new("dispatcher-1", due.AddHours(1), due.AddHours(2), 10) { MaxPerAccount = 2 }, CancellationToken.None);

        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 452).Which.Message.Should().Contain("from version 1 to 2");
        (await ServerSql.ScalarAsync<string>($"SELECT format('%s/%s', version, minimum_reader_version) FROM {_schema}.schema_version;")).Should().Be("2/1");
        (await ServerSql.ScalarAsync<bool>($"SELECT to_regclass('{_schema}.follow_ups_unfinished_by_sender') IS NOT NULL;")).Should().BeTrue();
        leased.Select(r => r.Key.AccountId).Should().Equal("acme", "acme");
    }

    [Fact]
    public async Task Open_Version1SchemaWhoseHostBuiltTheSenderIndexConcurrently_OnlyRecordsVersion2()
    {
        await ServerSql.ExecuteAsync($"""
            BEGIN; CREATE SCHEMA {_schema}; SET LOCAL search_path TO {_schema};
            {Storage.Schema.Sql("001-create.sql")}
            COMMIT;
            """);
        await ServerSql.ExecuteAsync($"CREATE INDEX CONCURRENTLY IF NOT EXISTS follow_ups_unfinished_by_sender ON {_schema}.follow_ups (account_id, kind, (coalesce(due_at, claimed_at))) WHERE state IN (0, 3, 4, 5);");
        var store = new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { DataSource = await TestStores.DataSourceAsync(), Schema = _schema });

        await store.FindAsync(new FollowUpKey("acme", "campaign", "contact", FollowUpKind.Sms), CancellationToken.None);

        (await ServerSql.ScalarAsync<string>($"SELECT format('%s/%s', version, minimum_reader_version) FROM {_schema}.schema_version;")).Should().Be("2/1");
        (await ServerSql.ScalarAsync<long>($"SELECT count(*) FROM pg_indexes WHERE schemaname = '{_schema}' AND indexname = 'follow_ups_unfinished_by_sender';")).Should().Be(1);
    }
}
