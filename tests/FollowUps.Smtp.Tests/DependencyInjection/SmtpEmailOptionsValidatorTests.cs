using FollowUps.Smtp.DependencyInjection;

namespace FollowUps.Smtp.Tests.DependencyInjection;

public sealed class SmtpEmailOptionsValidatorTests
{
    private const string Secret = "s3cret-app-password";

    public static TheoryData<string, Action<SmtpEmailOptions>, string> Invalid() => new()
    {
        { "no host", o => o.Host = " ", "FollowUps:Smtp:Host is required." },
        { "host with a space", o => o.Host = "smtp gmail.com", "FollowUps:Smtp:Host 'smtp gmail.com' is not a host name or IP address." },
        { "port 0", o => o.Port = 0, "FollowUps:Smtp:Port must be between 1 and 65535 (it is 0)." },
        { "port 65536", o => o.Port = 65536, "FollowUps:Smtp:Port must be between 1 and 65535 (it is 65536)." },
        { "unknown security", o => o.Security = (SmtpSecurity)9, "FollowUps:Smtp:Security must be Auto, None, StartTls or SslOnConnect (it is 9)." },
        { "no from address", o => o.FromAddress = "", "FollowUps:Smtp:FromAddress is required." },
        { "from with a name", o => o.FromAddress = "Acme <followups@acme.test>", "FollowUps:Smtp:FromAddress 'Acme <followups@acme.test>' is not a valid email address such as followups@example.com." },
        { "zero timeout", o => o.Timeout = TimeSpan.Zero, "FollowUps:Smtp:Timeout must be positive and at most 24 days (it is 00:00:00)." },
        { "zero retry delay", o => o.AuthenticationRetryDelay = TimeSpan.Zero, "FollowUps:Smtp:AuthenticationRetryDelay must be positive and at most 1 day (it is 00:00:00)." },
        { "negative retry delay", o => o.AuthenticationRetryDelay = TimeSpan.FromMinutes(-5), "FollowUps:Smtp:AuthenticationRetryDelay must be positive and at most 1 day (it is -00:05:00)." },
        { "retry delay over a day", o => o.AuthenticationRetryDelay = TimeSpan.FromHours(25), "FollowUps:Smtp:AuthenticationRetryDelay must be positive and at most 1 day (it is 1.01:00:00)." },
        {
            "certificate validation without TLS",
            o => (o.Security, o.ServerCertificateValidation) = (SmtpSecurity.None, (_, certificate, _, _) => certificate?.Subject == "CN=mail.acme.test"),
            "FollowUps:Smtp:ServerCertificateValidation is set but FollowUps:Smtp:Security is None, so no certificate is ever checked: use StartTls or SslOnConnect, or remove the validation."
        },
        { "user without credential", o => o.UserName = "me@acme.test", "FollowUps:Smtp:Password or FollowUps:Smtp:AccessTokenProvider is required when FollowUps:Smtp:UserName is set (leave all three unset for a relay without authentication)." },
        { "password without user", o => o.Password = Secret, "FollowUps:Smtp:UserName is required when FollowUps:Smtp:Password is set." },
        { "token without user", o => o.AccessTokenProvider = _ => ValueTask.FromResult("t"), "FollowUps:Smtp:UserName is required when FollowUps:Smtp:AccessTokenProvider is set." },
        {
            "password and token",
            o => (o.UserName, o.Password, o.AccessTokenProvider) = ("me@acme.test", Secret, _ => ValueTask.FromResult("t")),
            "FollowUps:Smtp:Password and FollowUps:Smtp:AccessTokenProvider are both set: set one, the password or the OAuth2 access-token provider."
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_WrongSetting_FailsNamingItAndNeverShowsTheSecret(string because, Action<SmtpEmailOptions> spoil, string expected)
    {
        var options = Valid();
        spoil(options);

        var result = new SmtpEmailOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue(because);
        result.Failures.Should().Equal([expected], because);
        result.FailureMessage.Should().NotContain(Secret);
    }

    [Fact]
    public void Validate_UnauthenticatedRelay_Succeeds() => new SmtpEmailOptionsValidator().Validate(null, Valid()).Succeeded.Should().BeTrue();

    [Fact]
    public void Validate_PasswordOrToken_Succeeds()
    {
        var withPassword = Valid();
        withPassword.UseGmail("me@gmail.com").Password = Secret;
        var withToken = Valid();
        withToken.UseOutlook("me@acme.test").AccessTokenProvider = _ => ValueTask.FromResult("token");

        new SmtpEmailOptionsValidator().Validate(null, withPassword).Succeeded.Should().BeTrue();
        new SmtpEmailOptionsValidator().Validate(null, withToken).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_RetryDelayOfOneDayAndCertificateValidationWithTls_Succeed()
    {
        var options = Valid();
        options.AuthenticationRetryDelay = TimeSpan.FromDays(1);
        options.ServerCertificateValidation = (_, certificate, _, _) => certificate?.Subject == "CN=mail.acme.test";

        new SmtpEmailOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_Defaults_NameBothMissingSettings()
        => new SmtpEmailOptionsValidator().Validate(null, new SmtpEmailOptions()).Failures
            .Should().Equal("FollowUps:Smtp:Host is required.", "FollowUps:Smtp:FromAddress is required.");

    private static SmtpEmailOptions Valid() => new() { Host = "smtp.acme.test", FromAddress = "followups@acme.test" };
}
