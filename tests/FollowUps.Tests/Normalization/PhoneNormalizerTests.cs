using CsCheck;
using FollowUps.Normalization;
using FollowUps.Tests.Rules;

namespace FollowUps.Tests.Normalization;

public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("+1 415-555-2671", "US", "+14155552671")]
    [InlineData("4155552671", "US", "+14155552671")]
    [InlineData("415.555.2671", "US", "+14155552671")]
    [InlineData("1 (415) 555-2671", "US", "+14155552671")]
    [InlineData("  +1 (415) 555 2671  ", "US", "+14155552671")]
    [InlineData("4155552671", "us", "+14155552671")]
    [InlineData("+44 20 7946 0958", "US", "+442079460958")]
    [InlineData("+442079460958", "US", "+442079460958")]
    [InlineData("020 7946 0958", "GB", "+442079460958")]
    [InlineData("+49 30 901820", "US", "+4930901820")]
    [InlineData("(415) 555-2671\n", "US", "+14155552671")]
    [InlineData("(415) 555-2671\r\n", "US", "+14155552671")]
    [InlineData("415\t555\t2671", "US", "+14155552671")]
    [InlineData("+1 415 555 2671\0", "US", "+14155552671")]
    [InlineData("415\u0000555\u00002671", "US", "+14155552671")]
    [InlineData("\u200E+1 415 555 2671\u200F", "US", "+14155552671")]
    [InlineData("+1 415 555 2671                                                  ", "US", "+14155552671")]
    [InlineData("   (415)     555  -  2671   \t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", "US", "+14155552671")]
    public void Normalize_CommonOrDirtyNotation_GivesE164(string raw, string region, string e164)
    {
        var result = PhoneNormalizer.Normalize(raw, region);

        result.Should().Be(Checked.Ok(e164));
        result.IsUsable.Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData("\0\u200B")]
    public void Normalize_Blank_IsNoPhoneNumber(string? raw)
    {
        var result = PhoneNormalizer.Normalize(raw, "US");

        result.Should().Be(Checked.Fail(OutcomeReason.NoPhoneNumber));
        result.IsUsable.Should().BeFalse();
        result.Value.Should().BeNull();
    }

    public static TheoryData<string> Unreadable => new()
    {
        "abc",
        "+49 30 901820 (mobile)",
        "415-555-2671 ext. 12",
        "12",
        "555-2671",
        "+1 415 555 267",
        "020 7946 0958",
        "+999 123 456 789",
        "415-555-2671\r\nBcc: x@y.com",
        new string('4', 41),
        string.Concat(Enumerable.Repeat("415-555-2671 ", 16)),
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Normalize_Unreadable_IsInvalidPhoneNumber(string raw)
    {
        PhoneNormalizer.Normalize(raw, "US").Should().Be(Checked.Fail(OutcomeReason.InvalidPhoneNumber));
    }

    /// <summary>
    /// A field that is not one valid number is still searched for numbers, for the do-not-contact lookup: letters read as
    /// a vanity number, two numbers, a number the metadata calls invalid.
    /// </summary>
    [Theory]
    [InlineData("+1 415 555 2671 (mobile)", new[] { "+14155552671" })]
    [InlineData("415-555-2671 / 415-555-0000", new[] { "+14155552671", "+14155550000" })]
    [InlineData("cell: (415) 555-2671\r\nhome: +44 20 7946 0958", new[] { "+14155552671", "+442079460958" })]
    [InlineData("+1 415 555 267", new string[0])]
    [InlineData("call the front desk", new string[0])]
    [InlineData("+49 30 901820 (mobile)", new[] { "+4930901820" })]
    [InlineData("1-800-FLOWERS", new string[0])]
    public void NumbersIn_FieldThatIsNotOneNumber_FindsEveryNumberInIt(string raw, string[] numbers)
    {
        PhoneNormalizer.Normalize(raw, "US").IsUsable.Should().BeFalse();
        PhoneNormalizer.NumbersIn(raw, "US").Should().BeEquivalentTo(numbers);
    }

    [Fact]
    public void Normalize_UnsupportedRegionWithoutCountryCode_IsInvalidPhoneNumber()
    {
        PhoneNormalizer.Normalize("4155552671", "XX").Problem.Should().Be(OutcomeReason.InvalidPhoneNumber);
        PhoneNormalizer.Normalize("+14155552671", "XX").Value.Should().Be("+14155552671");
    }

    [Theory]
    [InlineData("US", true)]
    [InlineData("gb", true)]
    [InlineData("XX", false)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData(null, false)]
    [InlineData("USA", false)]
    public void IsSupportedRegion_AcceptsIsoRegionCodesInAnyCase(string? region, bool supported)
    {
        PhoneNormalizer.IsSupportedRegion(region).Should().Be(supported);
    }

    [Fact]
    public void Normalize_AnyString_NeverThrowsAndGivesE164OrAProblem()
    {
        var phoneish = Gen.Char["0123456789 +-().x#*/\u00A0\u2011"].Array[0, 45].Select(chars => new string(chars));
        var digits = Gen.Char['0', '9'].Array[10].Select(d => new string(d));
        var notation = Gen.OneOf<Func<string, string>>(
            d => d,
            d => $"({d[..3]}) {d[3..6]}-{d[6..]}",
            d => $"+1 {d[..3]}-{d[3..6]}-{d[6..]}",
            d => $"+44 {d[..2]} {d[2..6]} {d[6..]}",
            d => $"+{d}");
        var numbers = Gen.Select(digits, notation, (d, format) => format(d));
        var usable = 0;

        Gen.OneOf(SlotRulesTests.AnyText, phoneish, numbers).Sample(raw =>
        {
            var result = PhoneNormalizer.Normalize(raw, "US");

            if (result.IsUsable)
            {
                Interlocked.Increment(ref usable);
                result.Value.Should().MatchRegex(@"^\+[1-9][0-9]{6,14}$");
                PhoneNormalizer.Normalize(result.Value, "US").Should().Be(result, "E.164 normalises to itself");
            }
            else
            {
                result.Value.Should().BeNull();
                var blank = raw.All(Ignorable.Is);
                result.Problem.Should().Be(blank ? OutcomeReason.NoPhoneNumber : OutcomeReason.InvalidPhoneNumber);
            }
        }, iter: 3000);

        usable.Should().BeGreaterThan(100, "the property must see usable numbers to mean anything");
    }
}
