using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.PostgreSql.Tests.Schema;

/// <summary>The store keeps to the schema it is given, and refuses a name it could not use.</summary>
public sealed class SchemaNameTests
{
    [Fact]
    public async Task TwoStoresInTwoSchemasOfOneDatabase_SeeNothingOfEachOther()
    {
        var (first, second) = (PostgresServer.NewSchemaName(), PostgresServer.NewSchemaName());
        var a = await TestStores.CreateAsync(first);
        var b = await TestStores.CreateAsync(second);
        var claim = SampleFollowUps.Claim(TimeProvider.System.GetUtcNow());
        var suppression = new SuppressionEntry { AccountId = claim.Key.AccountId, Target = new(SuppressionTargetKind.Phone, "+14155552671"), Reason = SuppressionReason.DoNotContactList, CreatedAt = TimeProvider.System.GetUtcNow() };

        await a.ClaimAsync(claim, CancellationToken.None);
        await a.AddSuppressionAsync(suppression, CancellationToken.None);

        (await b.FindAsync(claim.Key, CancellationToken.None)).Should().BeNull();
        (await b.FindSuppressionAsync(claim.Key.AccountId, [suppression.Target], CancellationToken.None)).Should().BeNull();
        (await b.ClaimAsync(claim with { LeaseOwner = "another-claimer" }, CancellationToken.None)).Won.Should().BeTrue("the key is free in the other schema");
        (await ServerSql.ScalarAsync<long>($"SELECT count(*) FROM {first}.follow_ups;")).Should().Be(1);
        (await ServerSql.ScalarAsync<long>($"SELECT count(*) FROM {first}.suppressions;")).Should().Be(1);
        (await ServerSql.ScalarAsync<long>($"SELECT count(*) FROM {second}.suppressions;")).Should().Be(0);
        (await ServerSql.ScalarAsync<bool>("SELECT to_regclass('public.follow_ups') IS NULL;")).Should().BeTrue("nothing lands in the search path's schema");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Follow-Ups")]
    [InlineData("followups; DROP TABLE x")]
    [InlineData("9lives")]
    [InlineData("pg_followups")]
    public void NewStore_SchemaNameItCannotUse_IsRefusedNamingTheSetting(string schema)
    {
        var act = () => new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { ConnectionString = "Host=127.0.0.1;Database=calls", Schema = schema });

        act.Should().Throw<ArgumentException>().WithMessage($"PostgreSqlStoreOptions.Schema '{schema}' must *");
    }

    [Fact]
    public void NewStore_LongestSchemaNamePostgreSqlKeeps_IsAccepted()
    {
        var act = () => new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { ConnectionString = "Host=127.0.0.1;Database=calls", Schema = new string('f', 63) });

        act.Should().NotThrow();
    }
}
