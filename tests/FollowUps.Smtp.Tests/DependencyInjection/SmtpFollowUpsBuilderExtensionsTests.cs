using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.DependencyInjection;
using FollowUps.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FollowUps.Smtp.Tests.DependencyInjection;

public sealed class SmtpFollowUpsBuilderExtensionsTests
{
    [Fact]
    public async Task AddSmtpEmail_AfterAnotherSender_ReplacesItWithOneSharedSmtpSender()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddFollowUps()
            .UseEmailSender<RecordingEmailSender>()
            .AddSmtpEmail(o => (o.Host, o.FromAddress) = ("smtp.acme.test", "followups@acme.test"))
            .AddSmtpEmail(o => o.Port = 2525);
        await using var provider = services.BuildServiceProvider();

        var sender = provider.GetRequiredService<IEmailSender>();

        sender.Should().BeOfType<SmtpEmailSender>().And.BeSameAs(provider.GetRequiredService<IEmailSender>());
        services.Count(d => d.ServiceType == typeof(IEmailSender)).Should().Be(1);
        services.Count(d => d.ImplementationType == typeof(SmtpEmailOptionsValidator)).Should().Be(1);
        provider.GetRequiredService<IOptions<SmtpEmailOptions>>().Value.Port.Should().Be(2525, "calling it again applies the new configuration too");
    }

    [Fact]
    public async Task AddSmtpEmail_BadSettings_HostStopsAtStartNamingTheSetting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana")).AddSmtpEmail(o => (o.FromAddress, o.UserName) = ("followups@acme.test", "followups@acme.test"));
        using var host = builder.Build();

        var act = () => host.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Equal(
            "FollowUps:Smtp:Host is required.",
            "FollowUps:Smtp:Password or FollowUps:Smtp:AccessTokenProvider is required when FollowUps:Smtp:UserName is set (leave all three unset for a relay without authentication).");
    }

    [Fact]
    public async Task AddSmtpEmail_FromAConfigurationSectionThenInCode_StartsWithBoth()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FollowUps:Smtp:Host"] = "smtp.acme.test",
            ["FollowUps:Smtp:Port"] = "465",
            ["FollowUps:Smtp:Security"] = "SslOnConnect",
            ["FollowUps:Smtp:FromAddress"] = "followups@acme.test",
            ["FollowUps:Smtp:UserName"] = "followups@acme.test",
        });
        Func<CancellationToken, ValueTask<string>> token = _ => ValueTask.FromResult("access-token");
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana"))
            .AddSmtpEmail(builder.Configuration.GetSection("FollowUps:Smtp"))
            .AddSmtpEmail(o => o.AccessTokenProvider = token);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        var options = host.Services.GetRequiredService<IOptions<SmtpEmailOptions>>().Value;
        (options.Host, options.Port, options.Security, options.FromAddress, options.AccessTokenProvider).Should().Be(
            ("smtp.acme.test", 465, SmtpSecurity.SslOnConnect, "followups@acme.test", token));
        host.Services.GetRequiredService<IEmailSender>().Should().BeOfType<SmtpEmailSender>();
    }

    [Fact]
    public async Task AddSmtpEmail_FromAnotherSectionMissingTheHost_FailsAtStartNamingTheBoundPath()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tenants:Acme:Mail:FromAddress"] = "followups@acme.test" });
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana"))
            .AddSmtpEmail(builder.Configuration.GetSection("Tenants:Acme:Mail"));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Equal("Tenants:Acme:Mail:Host is required.");
    }

    [Fact]
    public async Task AddPickupDirectoryEmail_AfterAnotherSender_ReplacesItWithAPickupSenderForTheFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"followups-pickup-{Guid.NewGuid():N}");
        var services = new ServiceCollection().AddLogging();
        services.AddFollowUps().UseEmailSender<RecordingEmailSender>().AddPickupDirectoryEmail(folder, "dev@acme.test");
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IEmailSender>().Should().BeOfType<PickupDirectoryEmailSender>()
            .Which.Folder.Should().Be(folder);
    }

    [Fact]
    public void AddSmtpEmail_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddFollowUps();

        FluentActions.Invoking(() => builder.AddSmtpEmail((Action<SmtpEmailOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.AddSmtpEmail((IConfiguration)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((IFollowUpsBuilder)null!).AddSmtpEmail(_ => { })).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.AddPickupDirectoryEmail(" ")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task AddSmtpEmailForAccounts_WithoutAMailboxInOptions_StartsAndUsesTheHostsPorts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana"))
            .AddSmtpEmail<Support.TestMailboxes, Support.TestCredentials>(o => o.MaxConnectionsPerMailbox = 3);
        using var host = builder.Build();

        await host.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        host.Services.GetRequiredService<ISmtpMailboxes>().Should().BeOfType<Support.TestMailboxes>();
        host.Services.GetRequiredService<ISmtpCredentials>().Should().BeOfType<Support.TestCredentials>();
        host.Services.GetServices<IFollowUpAccountListener>().Should().ContainSingle().Which.Should().BeSameAs(host.Services.GetRequiredService<IEmailSender>());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddSmtpEmail_BadPoolSettings_HostStopsAtStartNamingEachSetting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana"))
            .AddSmtpEmail<Support.TestMailboxes, Support.TestCredentials>(o => (o.MaxConnectionsPerMailbox, o.MaxConnections, o.MaxMailboxWait) = (0, 0, TimeSpan.Zero));
        using var host = builder.Build();

        var act = () => host.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().Equal(
            "FollowUps:Smtp:MaxConnectionsPerMailbox must be between 1 and 100 (it is 0).",
            "FollowUps:Smtp:MaxConnections must be between 1 and 10000 (it is 0).",
            "FollowUps:Smtp:MaxMailboxWait must be positive and at most 5 minutes (it is 00:00:00).");
    }
}
