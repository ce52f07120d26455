using CsCheck;
using FollowUps.Normalization;
using FollowUps.Tests.Rules;

namespace FollowUps.Tests.Normalization;

public sealed class EmailNormalizerTests
{
    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann.Lee@Example.COM \n", "ann.lee@example.com")]
    [InlineData("ann+follow-ups@mail.example.co.uk", "ann+follow-ups@mail.example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    [InlineData("ann@bücher.example", "ann@xn--bcher-kva.example")]
    [InlineData("ANN@BÜCHER.EXAMPLE", "ann@xn--bcher-kva.example")]
    [InlineData("info@例え.jp", "info@xn--r8jz45g.jp")]
    [InlineData("ann@xn--bcher-kva.example", "ann@xn--bcher-kva.example")]
    [InlineData("a@b.com\0", "a@b.com")]
    [InlineData("\uFEFFann@example.com", "ann@example.com")]
    [InlineData("\tann@example.com\u200B\r\n", "ann@example.com")]
    [InlineData("jose\u0301@example.com", "jos\u00E9@example.com")]
    [InlineData("JOSE\u0301@EXAMPLE.COM", "jos\u00E9@example.com")]
    [InlineData("ida@bu\u0308cher.example", "ida@xn--bcher-kva.example")]
    [InlineData("ann\u200B@example.com", "ann@example.com")]
    [InlineData("ann@exam\u200Bple.com", "ann@example.com")]
    [InlineData("ann\u202E@example.com", "ann@example.com")]
    [InlineData("ann\uFEFF@example.com", "ann@example.com")]
    public void Normalize_ValidAddress_IsComposedTrimmedLowerCasedWithAnAsciiDomain(string raw, string normalized)
    {
        var result = EmailNormalizer.Normalize(raw);

        result.Should().Be(Checked.Ok(normalized));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n")]
    [InlineData("\0\u200B ")]
    public void Normalize_Blank_IsNoEmailAddress(string? raw)
    {
        EmailNormalizer.Normalize(raw).Should().Be(Checked.Fail(OutcomeReason.NoEmailAddress));
    }

    public static TheoryData<string> Malformed => new()
    {
        "a@",
        "@b.com",
        "ann",
        "a b@c.com",
        "Ann <ann@example.com>",
        "<ann@example.com>",
        "\"Ann\" <ann@example.com>",
        "ann@example.com (Ann)",
        "a@b",
        "a@b..com",
        "taro.@example.com",
        "mailto:ann@example.com",
        "\"ann\"@example.com",
        "ann:lee@example.com",
        ".taro@example.com",
        "ta..ro@example.com",
        "a@.b.com",
        "a@b.com.",
        "a@-b.com",
        "a@b-.com",
        "a@b.123",
        "a@[127.0.0.1]",
        "a@@b.com",
        "a@b.com,c@d.com",
        "a@b.com\r\nBcc: x@y.com",
        "a@b.com\nBcc: x@y.com",
        "a@b\0.com",
        "ann@" + new string('b', 64) + ".com",
        new string('a', 250) + "@b.com",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Normalize_Malformed_IsInvalidEmailAddress(string raw)
    {
        var result = EmailNormalizer.Normalize(raw);

        result.Should().Be(Checked.Fail(OutcomeReason.InvalidEmailAddress));
        result.IsUsable.Should().BeFalse();
    }

    /// <summary>
    /// A field that is not one address is still searched for addresses, for the do-not-contact lookup. Quoted local parts are
    /// no address to send to ("ann"@b is ann@b to a mail server, but another string to the list), and found as their unquoted form.
    /// </summary>
    [Theory]
    [InlineData("Ann Lee <Ann.Lee@Example.com>", new[] { "ann.lee@example.com" })]
    [InlineData("mailto:ann.lee@example.com", new[] { "ann.lee@example.com" })]
    [InlineData("ann.lee@example.com.", new[] { "ann.lee@example.com" })]
    [InlineData("\"ann.lee\"@example.com", new[] { "ann.lee@example.com" })]
    [InlineData("ann@example.com, bob@example.org;(old: ann@old.example)", new[] { "ann@example.com", "bob@example.org", "ann@old.example" })]
    [InlineData("no email", new string[0])]
    public void AddressesIn_FieldThatIsNotOneAddress_FindsEveryAddressInIt(string raw, string[] addresses)
    {
        EmailNormalizer.Normalize(raw).IsUsable.Should().BeFalse();
        EmailNormalizer.AddressesIn(raw).Should().BeEquivalentTo(addresses);
    }

    /// <summary>An unpaired surrogate is not text: no address, and never an exception from composing it. (A fact, not a
    /// theory: xunit would pass the string on as U+FFFD.)</summary>
    [Fact]
    public void Normalize_UnpairedSurrogate_IsInvalidEmailAddress()
    {
        EmailNormalizer.Normalize("jose\uD800@example.com").Should().Be(Checked.Fail(OutcomeReason.InvalidEmailAddress));
        EmailNormalizer.Normalize("jose@example.com\uDC00").Should().Be(Checked.Fail(OutcomeReason.InvalidEmailAddress));
    }

    [Fact]
    public void Normalize_LengthLimit_Is254Characters()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 61), 3)) + ".com";
        var local = new string('a', 254 - 1 - domain.Length);

        EmailNormalizer.Normalize($"{local}@{domain}").Should().Be(Checked.Ok($"{local}@{domain}"));
        EmailNormalizer.Normalize($"a{local}@{domain}").Problem.Should().Be(OutcomeReason.InvalidEmailAddress);
    }

    /// <summary>
    /// The 254-character limit applies to the canonical address, after the domain is converted to ASCII: an
    /// international domain must not come out longer than any mail server accepts.
    /// </summary>
    [Fact]
    public void Normalize_IdnDomainOverTheLimitOnceEncoded_IsInvalidEmailAddress()
    {
        var raw = new string('a', 64) + "@" + string.Concat(Enumerable.Repeat("bücher.", 15)) + "example";
        raw.Length.Should().Be(177, "the input is well within the limit; its ASCII form is 282 characters");

        EmailNormalizer.Normalize(raw).Should().Be(Checked.Fail(OutcomeReason.InvalidEmailAddress));
    }

    [Fact]
    public void Normalize_AnyString_NeverThrowsAndGivesAnAddressOrAProblem()
    {
        Gen.OneOf(SlotRulesTests.AnyText, SlotRulesTests.AnyText.Select(s => $"ann{s}@example.com")).Sample(raw =>
        {
            var result = EmailNormalizer.Normalize(raw);

            if (result.IsUsable)
            {
                ShouldBeCanonical(result.Value!);
            }
            else
            {
                result.Value.Should().BeNull();
                var blank = raw.All(Ignorable.Is);
                result.Problem.Should().Be(blank ? OutcomeReason.NoEmailAddress : OutcomeReason.InvalidEmailAddress);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Normalize_PlausibleAddresses_AreCanonicalAndNormaliseToThemselves()
    {
        // Kept well under the length limit; Normalize_IdnDomainOverTheLimitOnceEncoded_IsInvalidEmailAddress covers the edge.
        var local = Gen.Char["abcXYZ019._%+-'é"].Array[1, 40].Select(chars => new string(chars));
        var label = Gen.Char["abcdefXYZ0123-üßé日本"].Array[1, 25].Select(chars => new string(chars));
        var domain = label.Array[1, 4].Select(labels => string.Join('.', labels));
        var tld = Gen.OneOf("com", "example", "co.uk", "рф", "xn--p1ai", "c0m");
        var padding = Gen.OneOf("", " ", "\t", "\n ");
        var address = Gen.Select(padding, local, domain, tld, padding, (before, l, d, t, after) => $"{before}{l}@{d}.{t}{after}");

        var usable = 0;

        address.Sample(raw =>
        {
            var result = EmailNormalizer.Normalize(raw);

            if (result.IsUsable)
            {
                Interlocked.Increment(ref usable);
                ShouldBeCanonical(result.Value!);
            }
            else
            {
                result.Problem.Should().Be(OutcomeReason.InvalidEmailAddress);
            }
        }, iter: 2000);

        usable.Should().BeGreaterThan(200, "the property must see usable addresses to mean anything");
    }

    /// <summary>
    /// Everyday addresses take a short path past MailAddress, IDNA and the patterns: on ASCII addresses built from the
    /// characters at the edges of that path (dots, hyphens, '@', digits first, labels of 63 and 64, "xn--"), it gives
    /// exactly what the full check gives.
    /// </summary>
    [Fact]
    public void Normalize_AsciiAddresses_AgreesWithTheFullCheck()
    {
        var edgy = Gen.Char["aZ09._+-%'@"].Array[0, 12].Select(chars => new string(chars));
        var word = Gen.Char["abcXYZ019"].Array[1, 10].Select(chars => new string(chars));
        var part = Gen.OneOf(word, word, edgy);
        var label = Gen.OneOf(part, Gen.Const(new string('a', 63)), Gen.Const(new string('b', 64)), Gen.Const("xn--p1ai"), Gen.Const("a--b"), Gen.Const("1com"));
        var address = Gen.Select(part, label.Array[1, 4], (local, labels) => $"{local}@{string.Join('.', labels)}");
        var plain = 0;

        Gen.OneOf(address, part).Sample(raw =>
        {
            var full = EmailNormalizer.NormalizeFully(raw);
            EmailNormalizer.Normalize(raw).Should().Be(raw.Length == 0 ? Checked.Fail(OutcomeReason.NoEmailAddress) : full, raw);
            if (full.IsUsable)
            {
                Interlocked.Increment(ref plain);
            }
        }, iter: 5000);

        plain.Should().BeGreaterThan(500, "the property must see usable addresses to mean anything");
    }

    private static void ShouldBeCanonical(string address)
    {
        address.Length.Should().BeLessThanOrEqualTo(254);
        address.Should().Be(address.Trim()).And.Be(address.ToLowerInvariant());
        address.Count(c => c == '@').Should().Be(1);
        address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..].Should().MatchRegex("^[a-z0-9.-]+$", "the domain is ASCII");
        address.Should().NotContainAny("\r", "\n", " ", "<", ">");
        EmailNormalizer.Normalize(address).Should().Be(Checked.Ok(address), "a canonical address normalises to itself");
    }
}
