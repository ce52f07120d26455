using System.Net;
using System.Net.Sockets;
using FollowUps.PostgreSql.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.DependencyInjection;

/// <summary><c>UsePostgreSqlStore</c>: the store behind both ports, its schema made when the host starts, and a host that cannot use its database stopped at start-up with the reason.</summary>
public sealed class PostgreSqlFollowUpsBuilderExtensionsTests
{
    private readonly string _schema = PostgresServer.NewSchemaName();

    [Fact]
    public async Task UsePostgreSqlStore_ConnectionString_IsBothPortsAndCreatesTheSchemaAtStart()
    {
        var connectionString = await PostgresServer.ConnectionStringAsync();
        using var host = Build(builder => builder.UsePostgreSqlStore(connectionString).UsePostgreSqlStore(o => o.Schema = _schema));

        await host.StartAsync();

        (await ServerSql.TablesAsync(_schema)).Should().Contain("schema_version", "the schema is made when the host starts, before any call");
        var store = host.Services.GetRequiredService<IFollowUpStore>().Should().BeOfType<PostgreSqlFollowUpStore>().Which;
        host.Services.GetRequiredService<ISuppressionStore>().Should().BeSameAs(store);
        store.Schema.Should().Be(_schema);
        await host.StopAsync();
    }

    [Fact]
    public async Task UsePostgreSqlStore_Options_AreAllApplied()
    {
        var connectionString = await PostgresServer.ConnectionStringAsync();
        using var host = Build(builder => builder.UsePostgreSqlStore(o => (o.ConnectionString, o.Schema, o.TransientRetries, o.UseDatabaseClock) = (connectionString, _schema, 5, false)));

        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value;
        (options.ConnectionString, options.Schema, options.TransientRetries, options.UseDatabaseClock, options.ManageSchema).Should().Be((connectionString, _schema, 5, false, true));
        host.Services.GetRequiredService<IFollowUpStore>().Should().BeOfType<PostgreSqlFollowUpStore>().Which.Schema.Should().Be(_schema);
        (await ServerSql.TablesAsync(_schema)).Should().Contain("follow_ups");
        await host.StopAsync();
    }

    [Fact]
    public async Task UsePostgreSqlStore_HostsDataSource_IsUsedAndNotDisposedWithTheHost()
    {
        await using var source = NpgsqlDataSource.Create(await PostgresServer.ConnectionStringAsync());
        var claim = SampleFollowUps.Claim(TimeProvider.System.GetUtcNow());
        PostgreSqlFollowUpStore store;
        using (var host = Build(builder => builder.UsePostgreSqlStore(source, o => o.Schema = _schema)))
        {
            await host.StartAsync();
            store = (PostgreSqlFollowUpStore)host.Services.GetRequiredService<IFollowUpStore>();
            host.Services.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value.DataSource.Should().BeSameAs(source);
            await store.ClaimAsync(claim, CancellationToken.None);
            await host.StopAsync();
        }

        await using var connection = await source.OpenConnectionAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {_schema}.follow_ups;", connection);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(1, "the host's data source outlives the host and holds the claim");
    }

    [Fact]
    public async Task UsePostgreSqlStore_ConnectionString_TheStoresOwnDataSourceIsDisposedWithTheHost()
    {
        var connectionString = await PostgresServer.ConnectionStringAsync();
        PostgreSqlFollowUpStore store;
        var host = Build(builder => builder.UsePostgreSqlStore(o => (o.ConnectionString, o.Schema) = (connectionString, _schema)));
        await host.StartAsync();
        store = (PostgreSqlFollowUpStore)host.Services.GetRequiredService<IFollowUpStore>();
        (await store.FindAsync(SampleFollowUps.NewKey(), CancellationToken.None)).Should().BeNull();
        await host.StopAsync();

        await ((IAsyncDisposable)host).DisposeAsync();

        await store.Invoking(s => s.FindAsync(SampleFollowUps.NewKey(), CancellationToken.None)).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task UsePostgreSqlStore_UnreachableServer_HostStopsAtStartNamingIt()
    {
        var port = FreePort();
        using var host = Build(builder => builder.UsePostgreSqlStore(o => (o.ConnectionString, o.Schema, o.TransientRetries) = ($"Host=127.0.0.1;Port={port};Username=postgres;Timeout=2", _schema, 1)));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<NpgsqlException>()).Which.Message.Should().Contain($"127.0.0.1:{port}");
    }

    [Fact]
    public async Task UsePostgreSqlStore_SchemaOfANewerIncompatibleVersion_HostStopsAtStart()
    {
        await (await TestStores.CreateAsync(_schema)).OpenAsync();
        await ServerSql.ExecuteAsync($"UPDATE {_schema}.schema_version SET version = 3, minimum_reader_version = 3;");
        var source = await TestStores.DataSourceAsync();
        using var host = Build(builder => builder.UsePostgreSqlStore(source, o => o.Schema = _schema));

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage($"The FollowUps schema '{_schema}'*is version 3, made by a newer FollowUps.PostgreSql*");
    }

    [Fact]
    public async Task UsePostgreSqlStore_BadSettings_HostStopsAtStartNamingThem()
    {
        using var host = Build(builder => builder.UsePostgreSqlStore(o => (o.Schema, o.TransientRetries) = ("Follow-Ups", 11)));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Equal(
            "PostgreSqlStoreOptions.ConnectionString is required (or set PostgreSqlStoreOptions.DataSource): the database, such as Host=db;Database=calls;Username=followups.",
            "PostgreSqlStoreOptions.Schema 'Follow-Ups' must be a plain identifier: a letter or underscore, then letters, digits or underscores, at most 63 bytes, such as followups.",
            "PostgreSqlStoreOptions.TransientRetries must be from 0 to 10 (it is 11).");
    }

    [Fact]
    public async Task UsePostgreSqlStore_SchemaNamePostgreSqlReserves_HostStopsAtStartNamingTheSetting()
    {
        var source = await TestStores.DataSourceAsync();
        using var host = Build(builder => builder.UsePostgreSqlStore(source, o => o.Schema = "pg_followups"));

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().ContainSingle().Which.Should().StartWith("PostgreSqlStoreOptions.Schema 'pg_followups' must not begin with pg_");
    }

    [Fact]
    public void UsePostgreSqlStore_NullOrBlankArguments_Throw()
    {
        var builder = new ServiceCollection().AddFollowUps();

        builder.Invoking(b => b.UsePostgreSqlStore("  ")).Should().Throw<ArgumentException>();
        builder.Invoking(b => b.UsePostgreSqlStore((NpgsqlDataSource)null!)).Should().Throw<ArgumentNullException>();
        builder.Invoking(b => b.UsePostgreSqlStore((Action<PostgreSqlStoreOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions())).Should().Throw<ArgumentException>().WithMessage("PostgreSqlStoreOptions.ConnectionString is required*");
    }

    private static IHost Build(Action<IFollowUpsBuilder> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configure(builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana")));
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
