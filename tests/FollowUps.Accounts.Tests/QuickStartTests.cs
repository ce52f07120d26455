using FollowUps.Accounts.Tests.Support;
using FollowUps.Smtp;
using FollowUps.Smtp.Tests.Support;
using FollowUps.Twilio;
using FollowUps.Twilio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.Accounts.Tests;

/// <summary>The README's first code block, the single-account quick start, still works as it is shown.</summary>
public sealed class QuickStartTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AppPassword = "app-password-secret-0123";

    [Fact]
    public async Task ReadmeQuickStart_SingleAccountRegistration_SendsTheCallsTextAndEmail()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync(new() { Credentials = ("dana@acme-dental.example", AppPassword) });
        await using var twilio = await FakeTwilioApi.StartAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FollowUps:Twilio:AccountSid"] = AccountSid,
            ["FollowUps:Twilio:AuthToken"] = "auth-token-secret-0123",
            ["FollowUps:Twilio:FromNumber"] = "+14155550100",
        }).Build();
        var appPassword = AppPassword;
        var services = new ServiceCollection().AddLogging();

        // The README's block, as it is:
        services.AddFollowUps(o =>
                {
                    o.BrandName = "Acme Dental";
                    o.DefaultSenderName = "Dana";
                    o.DefaultMeetingLink = "https://cal.example.com/acme-dental";
                    o.DefaultRegion = "US";
                })
                .AddTwilioSms(config.GetSection("FollowUps:Twilio"))                                  // FollowUps.Twilio
                .AddSmtpEmail(o => o.UseGmail("dana@acme-dental.example").Password = appPassword);   // FollowUps.Smtp

        // Only where the servers are: Gmail's on loopback (calls add up), Twilio's API through the fake.
        services.AddFollowUps().AddSmtpEmail(o => (o.Host, o.Port, o.Security) = ("127.0.0.1", smtp.Port, SmtpSecurity.None));
        services.AddHttpClient(TwilioSmsOptions.HttpClientName).AddHttpMessageHandler(() => new AccountSidRouter(new Dictionary<string, Uri> { [AccountSid] = twilio.Address }));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var engine = provider.GetRequiredService<IFollowUpEngine>();

        var report = await engine.HandleCallCompletedAsync(Calls.Answered("any-account", 1), Calls.Campaign, CancellationToken.None);

        report.Sms.IsSent.Should().BeTrue(report.Sms.Detail);
        report.Email.IsSent.Should().BeTrue(report.Email.Detail);
        report.MissedCallEmail.Reason.Should().Be(OutcomeReason.ChannelDisabled);
        var sms = twilio.Received.Should().ContainSingle().Subject;
        (sms.AccountSid, sms.Form["From"], sms.Form["To"]).Should().Be((AccountSid, "+14155550100", Calls.Phone(1)));
        sms.Form["Body"].Should().StartWith("Hi Ann, it's Dana from Acme Dental.").And.Contain("https://cal.example.com/acme-dental");
        var email = smtp.Received.Should().ContainSingle().Subject;
        (email.EnvelopeFrom, email.EnvelopeTo.Single()).Should().Be(("dana@acme-dental.example", "contact1@example.com"));
        email.Message.Subject.Should().Be("Your call with Acme Dental");
    }
}
