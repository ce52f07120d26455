using FollowUps.DependencyInjection;

namespace FollowUps.Tests.Rules;

/// <summary>
/// The account defaults checked at start-up (src/FollowUps/DependencyInjection). Here, beside the slot rules it
/// applies, because the DependencyInjection test folder covers the registration path.
/// </summary>
public sealed class FollowUpOptionsValidatorTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    private readonly FollowUpOptionsValidator _validator = new();

    [Theory]
    [InlineData("US")]
    [InlineData("us")]
    [InlineData("GB")]
    [InlineData("DE")]
    public void Validate_CompleteOptions_Succeeds(string region)
    {
        var result = _validator.Validate(null, Scenario.Account(o => o.DefaultRegion = region));

        result.Succeeded.Should().BeTrue(result.FailureMessage);
    }

    [Fact]
    public void Validate_EmailFooterSettings_Succeed()
    {
        var options = Scenario.Account(o => (o.PostalAddress, o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("Acme\r\n12 Main St", "https://acme.example/u?list=1", Key));

        _validator.Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_NoDefaultMeetingLink_Succeeds(string? link)
    {
        _validator.Validate(null, Scenario.Account(o => o.DefaultMeetingLink = link)).Succeeded.Should().BeTrue();
    }

    public static TheoryData<string, string> BadOptions => new()
    {
        { "brand missing", "FollowUps:BrandName is required." },
        { "brand blank", "FollowUps:BrandName is required." },
        { "brand on two lines", "FollowUps:BrandName must be one line, without control characters." },
        { "brand too long", "FollowUps:BrandName must be at most 40 characters." },
        { "sender missing", "FollowUps:DefaultSenderName is required." },
        { "sender with a bidi override", "FollowUps:DefaultSenderName must be one line, without control characters." },
        { "link over http", "FollowUps:DefaultMeetingLink must be an absolute https URL, such as https://cal.example.com/dana." },
        { "link relative", "FollowUps:DefaultMeetingLink must be an absolute https URL, such as https://cal.example.com/dana." },
        { "region XX", "FollowUps:DefaultRegion 'XX' is not a supported ISO 3166 region code, such as US or GB." },
        { "region empty", "FollowUps:DefaultRegion '' is not a supported ISO 3166 region code, such as US or GB." },
        { "region name", "FollowUps:DefaultRegion 'United States' is not a supported ISO 3166 region code, such as US or GB." },
        { "region null", "FollowUps:DefaultRegion '' is not a supported ISO 3166 region code, such as US or GB." },
        { "address too long", "FollowUps:PostalAddress must be at most 300 characters." },
        { "address with a control character", "FollowUps:PostalAddress must not contain control characters (line breaks are fine)." },
        { "unsubscribe over http", "FollowUps:UnsubscribeUrl must be an absolute https URL, such as https://acme.example/unsubscribe." },
        { "unsubscribe with a fragment", "FollowUps:UnsubscribeUrl must not have a #fragment." },
        { "unsubscribe without a key", "FollowUps:UnsubscribeSigningKey must be at least 32 characters when FollowUps:UnsubscribeUrl is set; it signs the unsubscribe links." },
        { "unsubscribe with a blank key", "FollowUps:UnsubscribeSigningKey must be at least 32 characters when FollowUps:UnsubscribeUrl is set; it signs the unsubscribe links." },
        { "unsubscribe with a short key", "FollowUps:UnsubscribeSigningKey must be at least 32 characters when FollowUps:UnsubscribeUrl is set; it signs the unsubscribe links." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadSetting_FailsWithAMessageNamingIt(string setting, string message)
    {
        var options = Scenario.Account(o =>
        {
            switch (setting)
            {
                case "brand missing": o.BrandName = null!; break;
                case "brand blank": o.BrandName = " "; break;
                case "brand on two lines": o.BrandName = "Acme\nDental"; break;
                case "brand too long": o.BrandName = new string('A', 41); break;
                case "sender missing": o.DefaultSenderName = ""; break;
                case "sender with a bidi override": o.DefaultSenderName = "\u202Eanad"; break;
                case "link over http": o.DefaultMeetingLink = "http://cal.example.com/acme"; break;
                case "link relative": o.DefaultMeetingLink = "/book"; break;
                case "region XX": o.DefaultRegion = "XX"; break;
                case "region empty": o.DefaultRegion = ""; break;
                case "region name": o.DefaultRegion = "United States"; break;
                case "region null": o.DefaultRegion = null!; break;
                case "address too long": o.PostalAddress = new string('a', 301); break;
                case "address with a control character": o.PostalAddress = "12 Main St\u0007"; break;
                case "unsubscribe over http": (o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("http://acme.example/u", Key); break;
                case "unsubscribe with a fragment": (o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("https://acme.example/u#top", Key); break;
                case "unsubscribe without a key": o.UnsubscribeUrl = "https://acme.example/u"; break;
                case "unsubscribe with a blank key": (o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("https://acme.example/u", new string(' ', 40)); break;
                case "unsubscribe with a short key": (o.UnsubscribeUrl, o.UnsubscribeSigningKey) = ("https://acme.example/u", Key[..31]); break;
                default: throw new ArgumentOutOfRangeException(nameof(setting), setting, null);
            }
        });

        var result = _validator.Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().Equal(message);
    }

    [Fact]
    public void Validate_SeveralBadSettings_ReportsEach()
    {
        var options = new FollowUpOptions { BrandName = "", DefaultSenderName = "", DefaultMeetingLink = "ftp://x", DefaultRegion = "ZZ" };

        var result = _validator.Validate(null, options);

        result.Failures.Should().HaveCount(4).And.Satisfy(
            f => f.StartsWith("FollowUps:BrandName", StringComparison.Ordinal),
            f => f.StartsWith("FollowUps:DefaultSenderName", StringComparison.Ordinal),
            f => f.StartsWith("FollowUps:DefaultMeetingLink", StringComparison.Ordinal),
            f => f.StartsWith("FollowUps:DefaultRegion 'ZZ'", StringComparison.Ordinal));
    }
}
