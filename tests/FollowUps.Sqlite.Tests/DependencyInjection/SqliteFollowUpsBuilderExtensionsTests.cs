using FollowUps.Sqlite.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Sqlite.Tests.DependencyInjection;

public sealed class SqliteFollowUpsBuilderExtensionsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task UseSqliteStore_ReplacesTheInMemoryStoreForBothPortsAndOpensTheFileAtStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana")).UseSqliteStore(_folder.File()).UseSqliteStore(o => (o.BusyTimeout, o.Synchronous) = (TimeSpan.FromSeconds(2), SqliteSynchronous.Normal));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        var store = host.Services.GetRequiredService<IFollowUpStore>().Should().BeOfType<SqliteFollowUpStore>().Which;
        host.Services.GetRequiredService<ISuppressionStore>().Should().BeSameAs(store);
        store.Path.Should().Be(_folder.File());
        host.Services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.BusyTimeout.Should().Be(TimeSpan.FromSeconds(2));
        store.Synchronous.Should().Be(SqliteSynchronous.Normal, "the registered store is built from the configured options");
        RawFile.Number(_folder.File(), "PRAGMA user_version;").Should().Be(3, "the file is opened when the host starts");
    }

    [Fact]
    public async Task UseSqliteStore_TheRegisteredClock_StampsTheHistoryOfAMove()
    {
        var time = new FakeTimeProvider(Claims.At.AddMinutes(3));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(time);
        services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana")).UseSqliteStore(_folder.File());
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IFollowUpStore>();
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);

        await store.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1 }, CancellationToken.None);

        (await store.ReadHistoryAsync(claim.Key, CancellationToken.None)).Select(e => e.At).Should().Equal(Claims.At, Claims.At.AddMinutes(3));
    }

    [Fact]
    public async Task UseSqliteStore_BadSettings_HostStopsAtStartNamingThem()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana")).UseSqliteStore(o => (o.Path, o.BusyTimeout, o.Synchronous) = (":memory:", TimeSpan.Zero, (SqliteSynchronous)7));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Equal(
            "SqliteStoreOptions.Path ':memory:' is an in-memory database, which forgets the outbox when the process ends: name a file.",
            "SqliteStoreOptions.BusyTimeout must be at least 1 millisecond and at most 1 hour (it is 00:00:00).",
            "SqliteStoreOptions.Synchronous must be Full or Normal (it is 7).");
    }

    [Fact]
    public async Task UseSqliteStore_FileOfANewerIncompatibleVersion_HostStopsAtStart()
    {
        await _folder.Store().FindAsync(Claims.NewKey(), CancellationToken.None);
        RawFile.Execute(_folder.File(), "PRAGMA user_version = 4; UPDATE followups_schema SET minimum_reader_version = 4;");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana")).UseSqliteStore(_folder.File());
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*created by a newer FollowUps.Sqlite*");
    }

    [Fact]
    public void UseSqliteStore_NullOrBlankArguments_Throw()
    {
        var builder = new ServiceCollection().AddFollowUps();

        builder.Invoking(b => b.UseSqliteStore("  ")).Should().Throw<ArgumentException>();
        builder.Invoking(b => b.UseSqliteStore((Action<SqliteStoreOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new SqliteFollowUpStore(new SqliteStoreOptions())).Should().Throw<ArgumentException>().WithMessage("SqliteStoreOptions.Path is required*");
    }

    public void Dispose() => _folder.Dispose();
}
