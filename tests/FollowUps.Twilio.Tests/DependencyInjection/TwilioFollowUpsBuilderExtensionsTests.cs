using FollowUps.Testing;
using FollowUps.Twilio.Delivery;
using FollowUps.Twilio.DependencyInjection;
using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FollowUps.Twilio.Tests.DependencyInjection;

public sealed class TwilioFollowUpsBuilderExtensionsTests
{
    [Fact]
    public async Task AddTwilioSms_AfterAnotherSender_ReplacesItWithOneSharedTwilioSenderAndRegistersTheWebhooks()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddFollowUps()
            .UseSmsSender<RecordingSmsSender>()
            .AddTwilioSms(Configure)
            .AddTwilioSms(o => o.Timeout = TimeSpan.FromSeconds(12));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<ISmsSender>().Should().BeOfType<TwilioSmsSender>().And.BeSameAs(provider.GetRequiredService<ISmsSender>());
        provider.GetRequiredService<TwilioWebhooks>().Should().BeSameAs(provider.GetRequiredService<TwilioWebhooks>());
        services.Count(d => d.ServiceType == typeof(ISmsSender)).Should().Be(1);
        services.Count(d => d.ImplementationType == typeof(TwilioSmsOptionsValidator)).Should().Be(1);
        provider.GetRequiredService<IOptions<TwilioSmsOptions>>().Value.Timeout.Should().Be(TimeSpan.FromSeconds(12), "calling it again applies the new configuration too");
        provider.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioSmsOptions.HttpClientName).Timeout.Should().Be(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task AddTwilioSms_BadSettings_HostStopsAtStartNamingTheSettingWithoutTheSecret()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana"))
            .AddTwilioSms(o => (o.AccountSid, o.AuthToken) = ("AC-not-a-sid", "secret-token"));
        using var host = builder.Build();

        var act = () => host.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        var thrown = await act.Should().ThrowAsync<OptionsValidationException>();
        thrown.Which.Failures.Should().Equal(
            "FollowUps:Twilio:AccountSid must be AC followed by 32 hexadecimal digits, as the Twilio console shows it.",
            "Set one of FollowUps:Twilio:FromNumber and FollowUps:Twilio:MessagingServiceSid.");
        thrown.Which.Message.Should().NotContain("secret-token");
    }

    [Fact]
    public async Task AddTwilioSms_FromAConfigurationSection_StartsWithTheBoundSettings()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FollowUps:BrandName"] = "Acme Dental",
            ["FollowUps:DefaultSenderName"] = "Dana",
            ["FollowUps:Twilio:AccountSid"] = TwilioTestHost.AccountSid,
            ["FollowUps:Twilio:AuthToken"] = TwilioTestHost.AuthToken,
            ["FollowUps:Twilio:FromNumber"] = TwilioTestHost.FromNumber,
            ["FollowUps:Twilio:Timeout"] = "00:00:12",
            ["FollowUps:Twilio:WebhookBaseUrl"] = "https://acme.example",
        });
        builder.Services.AddFollowUps(builder.Configuration.GetSection("FollowUps"))
            .AddTwilioSms(builder.Configuration.GetSection("FollowUps:Twilio"));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        var options = host.Services.GetRequiredService<IOptions<TwilioSmsOptions>>().Value;
        (options.AccountSid, options.FromNumber, options.Timeout, options.WebhookBaseUrl).Should().Be(
            (TwilioTestHost.AccountSid, TwilioTestHost.FromNumber, TimeSpan.FromSeconds(12), "https://acme.example"));
        host.Services.GetRequiredService<ISmsSender>().Should().BeOfType<TwilioSmsSender>();
    }

    [Fact]
    public async Task AddTwilioSms_FromAnotherSectionMissingTheAccount_FailsAtStartNamingTheBoundPath()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:Acme:Sms:AuthToken"] = "secret-token",
            ["Tenants:Acme:Sms:FromNumber"] = TwilioTestHost.FromNumber,
        });
        builder.Services.AddFollowUps(o => (o.BrandName, o.DefaultSenderName) = ("Acme Dental", "Dana"))
            .AddTwilioSms(builder.Configuration.GetSection("Tenants:Acme:Sms"));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        var thrown = await act.Should().ThrowAsync<OptionsValidationException>();
        thrown.Which.Failures.Should().Equal("Tenants:Acme:Sms:AccountSid is required.");
        thrown.Which.Message.Should().NotContain("secret-token");
    }

    [Fact]
    public void AddTwilioSms_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddFollowUps();

        FluentActions.Invoking(() => builder.AddTwilioSms((Action<TwilioSmsOptions>)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => builder.AddTwilioSms((IConfiguration)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((IFollowUpsBuilder)null!).AddTwilioSms(Configure)).Should().Throw<ArgumentNullException>();
    }

    private static void Configure(TwilioSmsOptions o) =>
        (o.AccountSid, o.AuthToken, o.FromNumber) = (TwilioTestHost.AccountSid, TwilioTestHost.AuthToken, TwilioTestHost.FromNumber);
}
