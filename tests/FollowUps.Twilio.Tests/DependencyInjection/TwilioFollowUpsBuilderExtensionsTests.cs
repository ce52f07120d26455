using FollowUps.Testing;
using FollowUps.Twilio.Delivery;
using FollowUps.Twilio.DependencyInjection;
using FollowUps.Twilio.Tests.Support;
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
    public void AddTwilioSms_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddFollowUps();

        FluentActions.Invoking(() => builder.AddTwilioSms(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((IFollowUpsBuilder)null!).AddTwilioSms(Configure)).Should().Throw<ArgumentNullException>();
    }

    private static void Configure(TwilioSmsOptions o) =>
        (o.AccountSid, o.AuthToken, o.FromNumber) = (TwilioTestHost.AccountSid, TwilioTestHost.AuthToken, TwilioTestHost.FromNumber);
}
