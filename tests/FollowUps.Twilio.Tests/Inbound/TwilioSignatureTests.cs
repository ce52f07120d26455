using System.Security.Cryptography;
using System.Text;
using FollowUps.Twilio.Inbound;
using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Inbound;

/// <summary>
/// <c>X-Twilio-Signature</c> checks against Twilio's documented vectors and the documented algorithm
/// (<see cref="Signatures"/>), and every way a request can differ from the one that was signed.
/// </summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    /// <summary>The parameters of Twilio's documented example (and twilio-csharp's own validator tests).</summary>
    private static Dictionary<string, string> Params() => new(StringComparer.Ordinal)
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    private static Dictionary<string, string> LoopbackParams() => new(StringComparer.Ordinal)
    {
        ["AccountSid"] = "AC00000000000000000000000000000001",
        ["Body"] = "STOP",
        ["From"] = "+15558675310",
        ["MessageSid"] = "SM11",
        ["To"] = "+15017122661",
    };

    public static TheoryData<string, string, string, string> Vectors => new()
    {
        { "#1 documented", Token, Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
        { "#2 explicit default port", Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=" },
        { "#3 http and another port", Token, "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=" },
        { "#8 loopback inbound SMS", "test_auth_token", "http://127.0.0.1:5000/twilio/inbound", "9fZgXGQYK4LiFbcGhtUuHug12XM=" },
    };

    private static Dictionary<string, string> FormOf(string vector) => vector.StartsWith("#8", StringComparison.Ordinal) ? LoopbackParams() : Params();

    [Fact]
    public void OurHmac_MatchesRfc2202AndTheFramework()
    {
        Convert.ToHexStringLower(Signatures.HmacSha1("Jefe"u8.ToArray(), "what do ya want for nothing?"u8.ToArray()))
            .Should().Be("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", "RFC 2202 test case 2");
        Convert.ToHexStringLower(Signatures.HmacSha1(Enumerable.Repeat((byte)0xaa, 80).ToArray(), "Test Using Larger Than Block-Size Key - Hash Key First"u8.ToArray()))
            .Should().Be("aa4ae5e15272d00e95705637ce8a3b55ed402112", "RFC 2202 test case 6: a key longer than a block is hashed first");
        var key = Encoding.UTF8.GetBytes("test-auth-token-0123456789abcdef");
        var message = Encoding.UTF8.GetBytes(new string('x', 1000) + "Zoë ✓");
#pragma warning disable CA5350 // Twilio's scheme is HMAC-SHA1.
        Signatures.HmacSha1(key, message).Should().Equal(HMACSHA1.HashData(key, message));
#pragma warning restore CA5350
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void OurSigner_ReproducesTwilioVectors(string vector, string token, string url, string expected)
    {
        Signatures.Sign(token, url, FormOf(vector)).Should().Be(expected, vector);
    }

    [Fact]
    public void OurSigner_SignsTheDocumentedText()
    {
        Signatures.SignedText(Url, Params()).Should().Be(
            "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void IsValid_DocumentedVector_Accepted(string vector, string token, string url, string expected)
    {
        TwilioSignature.IsValid(token, Request(url, FormOf(vector), expected)).Should().BeTrue(vector);
    }

    [Fact]
    public void IsValid_NoFields_SignsTheUrlAlone()
    {
        var signature = Signatures.Sign(Token, Url, []);

        signature.Should().Be("zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
        TwilioSignature.IsValid(Token, Request(Url, new Dictionary<string, string>(), signature)).Should().BeTrue();
    }

    [Fact]
    public void IsValid_SignedWithDefaultPortReceivedWithout_Accepted()
    {
        // Twilio may sign "https://host:443/…"; a request rebuilt without the default port still matches.
        TwilioSignature.IsValid(Token, Request(Url, Params(), "kvajT1Ptam85bY51eRf/AJRuM3w=")).Should().BeTrue();
    }

    [Fact]
    public void IsValid_SignedWithoutDefaultPortReceivedWithIt_Rejected()
    {
        // The reason MapTwilioWebhooks drops a default port from the URL it rebuilds.
        TwilioSignature.IsValid(Token, Request("https://mycompany.com:443/myapp.php?foo=1&bar=2", Params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).Should().BeFalse();
    }

    [Fact]
    public void IsValid_ReceivedOnAnotherPortSignedWithout_Accepted()
    {
        // The SDK also tries the URL without its port, so a port added on the way in (a proxy's) does not matter.
        TwilioSignature.IsValid(Token, Request("https://mycompany.com:8443/myapp.php?foo=1&bar=2", Params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).Should().BeTrue();
        TwilioSignature.IsValid(Token, Request("https://mycompany.com:8443/myapp.php?foo=1&bar=3", Params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).Should().BeFalse();
    }

    public static TheoryData<string, string, Dictionary<string, string>> Tampered()
    {
        var data = new TheoryData<string, string, Dictionary<string, string>>
        {
            { "a parameter value", Url, With(Params(), "Digits", "1235") },
            { "a parameter value's case", Url, With(Params(), "CallSid", "ca1234567890abcde") },
            { "an extra parameter", Url, With(Params(), "OptOutType", "STOP") },
            { "an extra empty parameter", Url, With(Params(), "Body", string.Empty) },
            { "a parameter name", Url, Renamed(Params(), "Caller", "Callee") },
            { "the path", "https://mycompany.com/myapp2.php?foo=1&bar=2", Params() },
            { "a trailing slash", "https://mycompany.com/myapp.php/?foo=1&bar=2", Params() },
            { "a query value", "https://mycompany.com/myapp.php?foo=1&bar=3", Params() },
            { "the query order", "https://mycompany.com/myapp.php?bar=2&foo=1", Params() },
            { "no query", "https://mycompany.com/myapp.php", Params() },
            { "the host", "https://evil.example/myapp.php?foo=1&bar=2", Params() },
            { "the host's case", "https://MyCompany.com/myapp.php?foo=1&bar=2", Params() },
            { "the scheme", "http://mycompany.com/myapp.php?foo=1&bar=2", Params() },
        };
        var removed = Params();
        removed.Remove("Digits");
        data.Add("a removed parameter", Url, removed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Tampered))]
    public void IsValid_RequestDiffersFromTheSignedOne_Rejected(string change, string url, Dictionary<string, string> form)
    {
        TwilioSignature.IsValid(Token, Request(url, form, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).Should().BeFalse(change);
    }

    [Fact]
    public void IsValid_WrongToken_Rejected()
    {
        TwilioSignature.IsValid("12346", Request(Url, Params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).Should().BeFalse();
        TwilioSignature.IsValid(Token, Request(Url, Params(), Signatures.Sign("54321", Url, Params()))).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("not base64!")]
    [InlineData("rsoydt4t1cutdk1pdd93/vvr8b8=")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8")]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8= ")]
    [InlineData("kvajT1Ptam85bY51eRf/AJRuM3w=,RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void IsValid_MissingOrMangledSignature_RejectedWithoutThrowing(string? signature)
    {
        TwilioSignature.IsValid(Token, Request(Url, Params(), signature)).Should().BeFalse();
    }

    [Fact]
    public void IsValid_UrlNotAbsolute_RejectedWithoutThrowing()
    {
        TwilioSignature.IsValid(Token, Request("/twilio/acct-1/inbound", Params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).Should().BeFalse();
        TwilioSignature.IsValid(Token, Request("not a url", Params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).Should().BeFalse();
        var relative = "/twilio/acct-1/inbound";
        TwilioSignature.IsValid(Token, Request(relative, Params(), Signatures.Sign(Token, relative, Params()))).Should().BeFalse("Twilio only signs absolute URLs");
    }

    private static TwilioWebhookRequest Request(string url, Dictionary<string, string> form, string? signature) =>
        new() { Url = url, Form = form, Signature = signature };

    private static Dictionary<string, string> With(Dictionary<string, string> form, string name, string value)
    {
        form[name] = value;
        return form;
    }

    private static Dictionary<string, string> Renamed(Dictionary<string, string> form, string name, string newName)
    {
        form[newName] = form[name];
        form.Remove(name);
        return form;
    }
}
