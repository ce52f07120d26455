using FollowUps.Twilio.DependencyInjection;
using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.DependencyInjection;

public sealed class TwilioSmsOptionsValidatorTests
{
    private const string Secret = "super-secret-token-value";

    public static TheoryData<string, Action<TwilioSmsOptions>, string> Invalid() => new()
    {
        { "no account", o => o.AccountSid = " ", "FollowUps:Twilio:AccountSid is required." },
        { "account too short", o => o.AccountSid = "AC123", "FollowUps:Twilio:AccountSid must be AC followed by 32 hexadecimal digits, as the Twilio console shows it." },
        { "account with a key's prefix", o => o.AccountSid = TwilioTestHost.ApiKeySid, "FollowUps:Twilio:AccountSid must be AC followed by 32 hexadecimal digits, as the Twilio console shows it." },
        { "account not hex", o => o.AccountSid = "AC0123456789abcdef0123456789abcdeg", "FollowUps:Twilio:AccountSid must be AC followed by 32 hexadecimal digits, as the Twilio console shows it." },
        { "no credential", o => o.AuthToken = null, "FollowUps:Twilio:AuthToken is required, unless FollowUps:Twilio:ApiKeySid and FollowUps:Twilio:ApiKeySecret are set." },
        { "key without secret", o => o.ApiKeySid = TwilioTestHost.ApiKeySid, "FollowUps:Twilio:ApiKeySid and FollowUps:Twilio:ApiKeySecret go together; set both or neither." },
        { "secret without key", o => o.ApiKeySecret = Secret, "FollowUps:Twilio:ApiKeySid and FollowUps:Twilio:ApiKeySecret go together; set both or neither." },
        { "key with an account's prefix", o => (o.ApiKeySid, o.ApiKeySecret) = (TwilioTestHost.AccountSid, Secret), "FollowUps:Twilio:ApiKeySid must be SK followed by 32 hexadecimal digits, as the Twilio console shows it." },
        { "no sender", o => o.FromNumber = null, "Set one of FollowUps:Twilio:FromNumber and FollowUps:Twilio:MessagingServiceSid." },
        { "two senders", o => o.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef", "Set one of FollowUps:Twilio:FromNumber and FollowUps:Twilio:MessagingServiceSid." },
        { "from not E.164", o => o.FromNumber = "(415) 555-0100", "FollowUps:Twilio:FromNumber must be a number in E.164, such as +14155550100." },
        { "service malformed", o => (o.FromNumber, o.MessagingServiceSid) = (null, "MG12"), "FollowUps:Twilio:MessagingServiceSid must be MG followed by 32 hexadecimal digits, as the Twilio console shows it." },
        { "subaccount malformed", o => o.PathAccountSid = "AC12", "FollowUps:Twilio:PathAccountSid must be AC followed by 32 hexadecimal digits, as the Twilio console shows it." },
        { "region in upper case", o => o.Region = "IE1", "FollowUps:Twilio:Region must be a Twilio region name in lower case, such as ie1." },
        { "edge as a host name", o => o.Edge = "dublin.example.com", "FollowUps:Twilio:Edge must be a Twilio edge name in lower case, such as dublin." },
        { "callback over http", o => o.StatusCallbackUrl = "http://acme.example/twilio/status", "FollowUps:Twilio:StatusCallbackUrl must be an absolute https URL, such as https://acme.example/twilio/status." },
        { "callback relative", o => o.StatusCallbackUrl = "/twilio/status", "FollowUps:Twilio:StatusCallbackUrl must be an absolute https URL, such as https://acme.example/twilio/status." },
        { "webhook base over http", o => o.WebhookBaseUrl = "http://acme.example", "FollowUps:Twilio:WebhookBaseUrl must be an absolute https URL without query or fragment, such as https://acme.example." },
        { "webhook base relative", o => o.WebhookBaseUrl = "/twilio", "FollowUps:Twilio:WebhookBaseUrl must be an absolute https URL without query or fragment, such as https://acme.example." },
        { "webhook base with query", o => o.WebhookBaseUrl = "https://acme.example/?x=1", "FollowUps:Twilio:WebhookBaseUrl must be an absolute https URL without query or fragment, such as https://acme.example." },
        { "zero timeout", o => o.Timeout = TimeSpan.Zero, "FollowUps:Twilio:Timeout must be positive and at most 24 days (it is 00:00:00)." },
        { "huge connect timeout", o => o.ConnectTimeout = TimeSpan.FromDays(30), "FollowUps:Twilio:ConnectTimeout must be positive and at most 24 days (it is 30.00:00:00)." },
        { "zero authentication delay", o => o.AuthenticationRetryDelay = TimeSpan.Zero, "FollowUps:Twilio:AuthenticationRetryDelay must be positive and at most 1 day (it is 00:00:00)." },
        { "authentication delay over a day", o => o.AuthenticationRetryDelay = TimeSpan.FromHours(25), "FollowUps:Twilio:AuthenticationRetryDelay must be positive and at most 1 day (it is 1.01:00:00)." },
        { "zero validity period", o => o.ValidityPeriod = TimeSpan.Zero, "FollowUps:Twilio:ValidityPeriod must be whole seconds from 1 second to 10 hours, as Twilio accepts (it is 00:00:00)." },
        { "validity period over Twilio's 36,000 seconds", o => o.ValidityPeriod = TimeSpan.FromSeconds(36_001), "FollowUps:Twilio:ValidityPeriod must be whole seconds from 1 second to 10 hours, as Twilio accepts (it is 10:00:01)." },
        { "validity period in part seconds", o => o.ValidityPeriod = TimeSpan.FromMilliseconds(1500), "FollowUps:Twilio:ValidityPeriod must be whole seconds from 1 second to 10 hours, as Twilio accepts (it is 00:00:01.5000000)." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_WrongSetting_FailsNamingItAndNeverShowsTheSecret(string because, Action<TwilioSmsOptions> spoil, string expected)
    {
        var options = Valid();
        spoil(options);

        var result = new TwilioSmsOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue(because);
        result.Failures.Should().Equal([expected], because);
        result.FailureMessage.Should().NotContain(Secret);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(36_000)]
    public void Validate_ValidityPeriodAtTwiliosBounds_Succeeds(int seconds)
    {
        var options = Valid();
        options.ValidityPeriod = TimeSpan.FromSeconds(seconds);

        new TwilioSmsOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_ApiKeyAndMessagingService_Succeeds()
    {
        var options = Valid();
        (options.AuthToken, options.ApiKeySid, options.ApiKeySecret) = (null, TwilioTestHost.ApiKeySid, Secret);
        (options.FromNumber, options.MessagingServiceSid) = (null, "MG0123456789ABCDEF0123456789ABCDEF");

        new TwilioSmsOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void ToString_ShowsAccountSenderAndCredentialKindsButNoSecret()
    {
        var options = Valid();
        (options.ApiKeySid, options.ApiKeySecret) = (TwilioTestHost.ApiKeySid, Secret + "-2");

        var text = options.ToString();

        text.Should().Be($"{TwilioTestHost.AccountSid} from +14155550100, API key {TwilioTestHost.ApiKeySid}, auth token set");
        text.Should().NotContain(Secret);
    }

    private static TwilioSmsOptions Valid() => new()
    {
        AccountSid = TwilioTestHost.AccountSid,
        AuthToken = Secret,
        FromNumber = "+14155550100",
    };
}
