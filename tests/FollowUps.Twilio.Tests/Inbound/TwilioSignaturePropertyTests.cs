using CsCheck;
using FollowUps.Twilio.Inbound;
using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Inbound;

/// <summary>
/// For arbitrary forms and URLs: a request signed with the right token (by the documented algorithm, not the SDK) is
/// valid, and changing any one character of a value, a name or the URL makes it invalid.
/// </summary>
public sealed class TwilioSignaturePropertyTests
{
    private const string UrlChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%";

    /// <summary>Any UTF-16 text a decoded form can hold: mostly ASCII, with the rest of the BMP (no lone surrogates: they do not survive UTF-8).</summary>
    private static readonly Gen<char> FormChar = Gen.Frequency((3, Gen.Char['\u0000', '\u007f']), (1, Gen.Char['\u0080', '\ud7ff']), (1, Gen.Char['\ue000', '\ufffd']));

    private static readonly Gen<string> Names = FormChar.Array[0, 12].Select(chars => new string(chars));

    private static readonly Gen<string> Values = FormChar.Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<Dictionary<string, string>> Forms = Gen.Select(Names, Values).Array[0, 10].Select(fields =>
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            form.TryAdd(name, value);
        }

        return form;
    });

    private static readonly Gen<string> Urls = Gen.Select(
        Gen.OneOf(Gen.Const("https"), Gen.Const("http")),
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[1, 20].Select(chars => new string(chars).Trim('-') + "x.example"),
        Gen.OneOf(Gen.Const(string.Empty), Gen.Int[1024, 65535].Select(port => $":{port}")),
        Gen.Char[UrlChars.Replace("?", string.Empty, StringComparison.Ordinal)].Array[0, 40].Select(chars => new string(chars)),
        Gen.OneOf(Gen.Const(string.Empty), Gen.Char[UrlChars].Array[0, 30].Select(chars => "?" + new string(chars))),
        (scheme, host, port, path, query) => $"{scheme}://{host}{port}/{path}{query}");

    private static readonly Gen<string> Tokens = Gen.Char['\u0021', '\u007e'].Array[1, 40].Select(chars => new string(chars));

    [Fact]
    public void IsValid_SignedWithTheRightToken_Accepted()
    {
        Gen.Select(Urls, Forms, Tokens).Sample((url, form, token) =>
            TwilioSignature.IsValid(token, Signatures.Signed(token, url, form)).Should().BeTrue(Signatures.SignedText(url, form)));
    }

    [Fact]
    public void IsValid_SignedWithAnotherToken_Rejected()
    {
        Gen.Select(Urls, Forms, Tokens, Tokens).Where((_, _, token, other) => token != other).Sample((url, form, token, other) =>
            TwilioSignature.IsValid(token, Signatures.Signed(other, url, form)).Should().BeFalse());
    }

    [Fact]
    public void IsValid_OneValueCharacterChanged_Rejected()
    {
        Gen.Select(Urls, Forms.Where(form => form.Count > 0), Tokens, Gen.Int[0, 1000], FormChar).Sample((url, form, token, at, replacement) =>
        {
            var signed = Signatures.Signed(token, url, form);
            var name = form.Keys.ElementAt(at % form.Count);
            var tampered = new Dictionary<string, string>(form, StringComparer.Ordinal) { [name] = Changed(form[name], at, replacement) };

            TwilioSignature.IsValid(token, signed with { Form = tampered }).Should().BeFalse($"{name}: {form[name]} became {tampered[name]}");
        });
    }

    [Fact]
    public void IsValid_OneNameCharacterChanged_Rejected()
    {
        Gen.Select(Urls, Forms.Where(form => form.Count > 0), Tokens, Gen.Int[0, 1000], FormChar).Sample((url, form, token, at, replacement) =>
        {
            var signed = Signatures.Signed(token, url, form);
            var name = form.Keys.ElementAt(at % form.Count);
            var renamed = Changed(name, at, replacement);
            if (form.ContainsKey(renamed))
            {
                return; // Not one request with one name changed: two fields would merge.
            }

            var tampered = new Dictionary<string, string>(form, StringComparer.Ordinal);
            tampered.Remove(name);
            tampered[renamed] = form[name];

            TwilioSignature.IsValid(token, signed with { Form = tampered }).Should().BeFalse($"{name} became {renamed}");
        });
    }

    [Fact]
    public void IsValid_OneUrlCharacterChanged_Rejected()
    {
        Gen.Select(Urls, Forms, Tokens, Gen.Int[0, 1000], Gen.Char[UrlChars]).Sample((url, form, token, at, replacement) =>
        {
            var signed = Signatures.Signed(token, url, form);
            var tampered = Changed(url, at, replacement);
            if (!Uri.TryCreate(tampered, UriKind.Absolute, out _))
            {
                return; // Not a URL a request can arrive at (see TwilioSignatureTests.IsValid_UrlNotAbsolute_RejectedWithoutThrowing).
            }

            TwilioSignature.IsValid(token, signed with { Url = tampered }).Should().BeFalse($"{url} became {tampered}");
        });
    }

    /// <summary><paramref name="text"/> with the character at <paramref name="at"/> (wrapped) replaced by another; an empty text gets one.</summary>
    private static string Changed(string text, int at, char replacement)
    {
        if (text.Length == 0)
        {
            return replacement.ToString();
        }

        var chars = text.ToCharArray();
        var i = at % chars.Length;
        chars[i] = replacement != chars[i] ? replacement : (char)(chars[i] ^ 1);
        return new string(chars);
    }
}
