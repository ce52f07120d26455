using FollowUps.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace FollowUps.Tests.DependencyInjection;

public sealed class AddFollowUpsTests
{
    private static void Valid(FollowUpOptions o)
    {
        o.BrandName = "Acme Dental";
        o.DefaultSenderName = "Dana";
    }

    [Fact]
    public async Task AddFollowUps_WithSenders_ResolvesAnEngineThatSendsThroughThem()
    {
        var sms = new RecordingSmsSender();
        var services = new ServiceCollection();
        services.AddFollowUps(o =>
        {
            Valid(o);
            o.DefaultMeetingLink = "https://cal.example.com/acme";
        }).UseSmsSender(_ => sms);
        using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IFollowUpEngine>().HandleCallCompletedAsync(
            Delivery.Sample.Answered(),
            Delivery.Sample.AllChannels with { Email = EmailFollowUpSettings.Disabled });

        report.Sms.IsSent.Should().BeTrue();
        sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public void AddFollowUps_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddFollowUps(Valid);
        services.AddFollowUps();

        services.Count(d => d.ServiceType == typeof(IFollowUpEngine)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IFollowUpStore)).Should().Be(1);
        services.Where(d => d.ServiceType == typeof(IValidateOptions<FollowUpOptions>))
            .Select(d => d.ImplementationType).Should().OnlyHaveUniqueItems().And.HaveCount(2, "one for attributes, one for the rules");
    }

    [Fact]
    public void UseStore_ReplacesTheInMemoryDefault()
    {
        var services = new ServiceCollection();

        services.AddFollowUps(Valid).UseStore<Delivery.ForwardingStore>();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IFollowUpStore>().Should().BeOfType<Delivery.ForwardingStore>();
    }

    [Fact]
    public void AddFollowUps_UserRegisteredStoreFirst_KeepsTheUsersStore()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IFollowUpStore, Delivery.ForwardingStore>();

        services.AddFollowUps(Valid);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IFollowUpStore>().Should().BeOfType<Delivery.ForwardingStore>();
    }

    [Theory]
    [InlineData("", "Dana", "US", null, "FollowUps:BrandName is required.")]
    [InlineData("Acme", "", "US", null, "FollowUps:DefaultSenderName is required.")]
    [InlineData("Acme", "Dana\r\nBcc: x", "US", null, "FollowUps:DefaultSenderName must be one line")]
    [InlineData("Acme", "Dana", "XX", null, "FollowUps:DefaultRegion 'XX' is not a supported")]
    [InlineData("Acme", "Dana", "US", "http://cal.example.com", "FollowUps:DefaultMeetingLink must be an absolute https URL")]
    [InlineData("Acme", "Dana", "US", null, "MaxSmsSegments", 0)]
    [InlineData("Acme", "Dana", "US", null, "MaxSmsSegments", 11)]
    public async Task HostStart_InvalidOptions_FailsNamingTheSetting(string brand, string sender, string region, string? link, string expected, int maxSegments = 3)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFollowUps(o =>
        {
            o.BrandName = brand;
            o.DefaultSenderName = sender;
            o.DefaultRegion = region;
            o.DefaultMeetingLink = link;
            o.MaxSmsSegments = maxSegments;
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task HostStart_ValidOptions_Starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFollowUps(Valid);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        host.Services.GetRequiredService<IOptions<FollowUpOptions>>().Value.DefaultRegion.Should().Be("US");
    }

    [Fact]
    public async Task AddFollowUps_FromTheFollowUpsSectionOfAppsettingsJson_StartsAndSendsWithTheBoundValues()
    {
        var folder = Directory.CreateTempSubdirectory("followups-config-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "appsettings.json"), """
                {
                  "FollowUps": {
                    "BrandName": "Acme Dental",
                    "DefaultSenderName": "Dana",
                    "DefaultMeetingLink": "https://cal.example.com/acme",
                    "MaxSmsSegments": 2
                  }
                }
                """);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder.FullName, Args = [] });
            var sms = new RecordingSmsSender();
            builder.Services.AddFollowUps(builder.Configuration.GetSection("FollowUps")).UseSmsSender(_ => sms);
            using var host = builder.Build();

            await host.StartAsync();
            var report = await host.Services.GetRequiredService<IFollowUpEngine>().HandleCallCompletedAsync(
                Delivery.Sample.Answered(),
                Delivery.Sample.AllChannels with { Email = EmailFollowUpSettings.Disabled });
            await host.StopAsync();

            var options = host.Services.GetRequiredService<IOptions<FollowUpOptions>>().Value;
            (options.BrandName, options.DefaultSenderName, options.MaxSmsSegments).Should().Be(("Acme Dental", "Dana", 2));
            report.Sms.IsSent.Should().BeTrue();
            sms.Messages.Should().ContainSingle().Which.Body.Should().Contain("Acme Dental");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AddFollowUps_FromAnotherSectionMissingARequiredValue_FailsAtStartNamingTheBoundPath()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tenants:Acme:DefaultSenderName"] = "Dana", ["Tenants:Acme:DefaultRegion"] = "XX" })
            .Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFollowUps(configuration.GetSection("Tenants:Acme"));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Equal(
            "Tenants:Acme:BrandName is required.",
            "Tenants:Acme:DefaultRegion 'XX' is not a supported ISO 3166 region code, such as US or GB.");
    }

    [Fact]
    public void AddFollowUps_FromConfigurationThenInCode_TheCodeWinsAndTheBoundPathStays()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FollowUps:BrandName"] = "Acme Dental", ["FollowUps:DefaultSenderName"] = "Dana" })
            .Build();
        var services = new ServiceCollection();

        services.AddFollowUps(configuration.GetSection("FollowUps"));
        services.AddFollowUps(o => o.DefaultSenderName = "");
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<FollowUpOptions>>().Value;
        read.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal("FollowUps:DefaultSenderName is required.");
        services.Count(d => d.ServiceType == typeof(IFollowUpEngine)).Should().Be(1);
    }

    [Fact]
    public void AddFollowUps_FromTheConfigurationRoot_NamesSettingsWithoutAPrefix()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DefaultSenderName"] = "Dana" }).Build();
        using var provider = new ServiceCollection().AddFollowUps(configuration).Services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<FollowUpOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal("BrandName is required.");
    }

    [Fact]
    public void InMemoryStore_ResolvedWithLogging_WarnsItIsForDevelopment()
    {
        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        services.AddFollowUps(Valid);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IFollowUpStore>();

        collector.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Warning && r.Id.Id == 107)
            .Which.Message.Should().Contain("in-memory store");
    }

    /// <summary>A durable outbox with no dispatcher in the host: retries would wait for ever, so starting says so.</summary>
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task HostStart_DurableStoreWithoutADispatcher_Warns(bool addDispatcher, bool warned)
    {
        var collector = new FakeLogCollector();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(collector));
        var followUps = builder.Services.AddFollowUps(Valid).UseStore<Delivery.ForwardingStore>();
        if (addDispatcher)
        {
            followUps.AddDispatcher();
        }

        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        collector.GetSnapshot().Any(r => r.Id.Id == 115 && r.Message.Contains("ForwardingStore", StringComparison.Ordinal)).Should().Be(warned);
        host.Services.GetRequiredService<ISuppressionStore>().Should().BeSameAs(host.Services.GetRequiredService<IFollowUpStore>(), "a store that is both holds the list too");
    }

    /// <summary>Found by review: the host's own do-not-contact list stays, whichever order the store and the list are registered in.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UseSuppressionStore_AndAStore_TheHostsListWinsInEitherOrder(bool listFirst)
    {
        var builder = new ServiceCollection().AddFollowUps(Valid);
        if (listFirst)
        {
            builder.UseSuppressionStore<HostList>().UseStore<Delivery.ForwardingStore>();
        }
        else
        {
            builder.UseStore<Delivery.ForwardingStore>().UseSuppressionStore<HostList>();
        }

        using var provider = builder.Services.BuildServiceProvider();

        provider.GetRequiredService<ISuppressionStore>().Should().BeOfType<HostList>();
        provider.GetRequiredService<IFollowUpStore>().Should().BeOfType<Delivery.ForwardingStore>();
    }

    [Fact]
    public void Extensions_NullArguments_ThrowArgumentNull()
    {
        var builder = new ServiceCollection().AddFollowUps(Valid);

        FluentActions.Invoking(() => ((IServiceCollection)null!).AddFollowUps()).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new ServiceCollection().AddFollowUps((IConfiguration)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.UseSmsSender(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((IFollowUpsBuilder)null!).UseEmailSender<RecordingEmailSender>()).Should().Throw<ArgumentNullException>();
    }

    /// <summary>A host's own do-not-contact list (here, in memory).</summary>
    private sealed class HostList : ISuppressionStore
    {
        private readonly InMemoryFollowUpStore _list = new();

        public Task<SuppressionEntry?> FindSuppressionAsync(string accountId, IReadOnlyCollection<SuppressionTarget> targets, CancellationToken cancellationToken) =>
            _list.FindSuppressionAsync(accountId, targets, cancellationToken);

        public Task AddSuppressionAsync(SuppressionEntry entry, CancellationToken cancellationToken) => _list.AddSuppressionAsync(entry, cancellationToken);

        public Task<bool> RemoveSuppressionAsync(string accountId, SuppressionTarget target, CancellationToken cancellationToken) =>
            _list.RemoveSuppressionAsync(accountId, target, cancellationToken);
    }
}
