using Microsoft.Extensions.Configuration;

namespace FollowUps.Smtp.Tests;

public sealed class SmtpEmailOptionsTests
{
    [Fact]
    public void Defaults_SubmissionPortWithRequiredStartTlsAndThirtySecondTimeout()
    {
        var options = new SmtpEmailOptions();

        options.Port.Should().Be(587);
        options.Security.Should().Be(SmtpSecurity.StartTls);
        options.Timeout.Should().Be(TimeSpan.FromSeconds(30));
        options.UserName.Should().BeNull();
        options.AuthenticationRetryDelay.Should().Be(TimeSpan.FromMinutes(5));
        options.ServerCertificateValidation.Should().BeNull("the operating system decides which certificates to trust");
    }

    [Fact]
    public void Bind_FromConfiguration_ReadsTheRetryDelayButNeverACertificateValidation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FollowUps:Smtp:Host"] = "smtp.acme.test",
            ["FollowUps:Smtp:AuthenticationRetryDelay"] = "00:15:00",
            ["FollowUps:Smtp:ServerCertificateValidation"] = "true",
        }).Build();
        var options = new SmtpEmailOptions();

        configuration.GetSection("FollowUps:Smtp").Bind(options);

        options.Host.Should().Be("smtp.acme.test");
        options.AuthenticationRetryDelay.Should().Be(TimeSpan.FromMinutes(15));
        options.ServerCertificateValidation.Should().BeNull("trusting a certificate takes code, not a configuration value");
    }

    [Fact]
    public void UseGmail_SetsGoogleServerAndMailbox()
    {
        var options = new SmtpEmailOptions().UseGmail("dana@gmail.com");

        (options.Host, options.Port, options.Security).Should().Be(("smtp.gmail.com", 587, SmtpSecurity.StartTls));
        (options.FromAddress, options.UserName).Should().Be(("dana@gmail.com", "dana@gmail.com"));
    }

    [Fact]
    public void UseOutlook_SetsMicrosoft365ServerAndMailbox()
    {
        var options = new SmtpEmailOptions().UseOutlook("dana@acme.onmicrosoft.com");

        (options.Host, options.Port, options.Security).Should().Be(("smtp.office365.com", 587, SmtpSecurity.StartTls));
        (options.FromAddress, options.UserName).Should().Be(("dana@acme.onmicrosoft.com", "dana@acme.onmicrosoft.com"));
    }

    [Fact]
    public void ToString_ShowsServerAndKindOfCredential_NeverTheSecret()
    {
        var withPassword = new SmtpEmailOptions { Password = "hunter2-app-password" }.UseGmail("dana@gmail.com");
        var withToken = new SmtpEmailOptions { AccessTokenProvider = _ => ValueTask.FromResult("ya29.secret") }.UseOutlook("dana@acme.test");

        withPassword.ToString().Should().Be("smtp.gmail.com:587 (StartTls) from dana@gmail.com, user dana@gmail.com with a password");
        withToken.ToString().Should().Be("smtp.office365.com:587 (StartTls) from dana@acme.test, user dana@acme.test with an access token");
        new SmtpEmailOptions().ToString().Should().Contain("no authentication");
    }

    [Fact]
    public void ToString_WithCertificateValidation_SaysSo()
    {
        var options = new SmtpEmailOptions { Host = "mail.acme.test", Port = 465, Security = SmtpSecurity.SslOnConnect, FromAddress = "dana@acme.test" };
        options.ServerCertificateValidation = (_, certificate, _, _) => certificate?.Subject == "CN=mail.acme.test";

        options.ToString().Should().Be("mail.acme.test:465 (SslOnConnect, own certificate validation) from dana@acme.test, no authentication");
    }
}
