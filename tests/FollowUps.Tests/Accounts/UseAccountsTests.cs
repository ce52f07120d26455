using FollowUps.Testing;
using FollowUps.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FollowUps.Tests.Accounts;

public sealed class UseAccountsTests
{
    [Fact]
    public async Task UseAccounts_HostWithItsAccountsSource_EngineSendsEachCallWithItsAccountsBrand()
    {
        var sms = new RecordingSmsSender();
        var services = new ServiceCollection();
        services.AddFollowUps(o => { o.BrandName = "Platform"; o.DefaultSenderName = "Dana"; })
            .UseAccounts(_ => new TestAccounts().With("acme", "Acme Dental"))
            .UseSmsSender(_ => sms);
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IFollowUpEngine>();

        var report = await engine.HandleCallCompletedAsync(Sample.Answered() with { AccountId = "acme" }, new CampaignFollowUpSettings { Sms = Sample.AllChannels.Sms });
        var unknown = await engine.HandleCallCompletedAsync(Sample.Answered("c-2") with { AccountId = "other" }, new CampaignFollowUpSettings { Sms = Sample.AllChannels.Sms });

        report.Sms.Text.Should().Contain("Acme Dental").And.NotContain("Platform");
        unknown.Sms.Reason.Should().Be(OutcomeReason.UnknownAccount);
        provider.GetRequiredService<IFollowUpAccountCache>().Should().BeSameAs(provider.GetRequiredService<FollowUps.Accounts.AccountDirectory>());
    }

    [Fact]
    public async Task AddFollowUps_NoAccountsSource_EveryAccountHasTheRegisteredSettings()
    {
        var sms = new RecordingSmsSender();
        var services = new ServiceCollection();
        services.AddFollowUps(o => { o.BrandName = "Acme Dental"; o.DefaultSenderName = "Dana"; }).UseSmsSender(_ => sms);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<IFollowUpEngine>().HandleCallCompletedAsync(Sample.Answered() with { AccountId = "any-account" }, new CampaignFollowUpSettings { Sms = Sample.AllChannels.Sms with { MeetingLink = "https://cal.example.com/x" } });

        report.Sms.Status.Should().Be(OutcomeStatus.Sent);
        report.Sms.Text.Should().Contain("Acme Dental");
    }

    [Theory]
    [InlineData(0.5, 600, "FollowUpAccountsOptions.CacheLifetime must be from 1 second to 1 day")]
    [InlineData(60, 30, "FollowUpAccountsOptions.StaleLifetime must be zero (off), or from CacheLifetime")]
    public async Task AddFollowUps_AccountLifetimesOutOfRange_HostStopsAtStartNamingTheSetting(double cacheSeconds, double staleSeconds, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFollowUps(o => { o.BrandName = "Acme Dental"; o.DefaultSenderName = "Dana"; });
        builder.Services.Configure<FollowUpAccountsOptions>(o =>
        {
            o.CacheLifetime = TimeSpan.FromSeconds(cacheSeconds);
            o.StaleLifetime = TimeSpan.FromSeconds(staleSeconds);
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }
}
