using CsCheck;
using FollowUps.Rules;
using FollowUps.Templates;

namespace FollowUps.Tests.Rules;

/// <summary>The checks on typed-in values, and the promise that a value they accept cannot break a template.</summary>
public sealed class SlotRulesTests
{
    /// <summary>Short runs that break things: template syntax, line breaks, control, bidi and zero-width characters, emoji, a lone surrogate.</summary>
    internal static readonly Gen<string> HostileToken = Gen.OneOf(
        "{{ 7*7 }}", "{{7*7}}", "{{", "}}", "{%", "\n", "\r\n", "\t", " ", "\u00A0", "\u2028", "\u0085", "\0", "\u001B",
        "\u202E", "\u2066", "\u200B", "\uFEFF", "😀", "👩‍👩‍👧", "\uD83D", "é", "Reply STOP", "https://cal.example.com/x",
        "a", "Z", "7", "-", "%", "@", ".", ":", "/");

    /// <summary>Arbitrary text: any UTF-16 code units (lone surrogates included), or runs of <see cref="HostileToken"/>.</summary>
    internal static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.Char.Array[0, 600].Select(chars => new string(chars)),
        HostileToken.Array[0, 40].Select(parts => string.Concat(parts)));

    /// <summary>Text of 1 to <paramref name="maxLength"/> characters, so a rule accepts a good share of it.</summary>
    private static Gen<string> ShortText(int maxLength) => Gen.OneOf(
        Gen.Char.Array[1, maxLength].Select(chars => new string(chars)),
        HostileToken.Array[1, 4].Select(parts => string.Concat(parts)));

    [Theory]
    [InlineData("https://cal.example.com/dana", true)]
    [InlineData("https://cal.example.com", true)]
    [InlineData("https://xn--bcher-kva.example/dana", true)]
    [InlineData("http://cal.example.com/dana", false)]
    [InlineData("//cal.example.com/dana", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("https://cal.example.com/a b", false)]
    [InlineData("https://ann@cal.example.com/dana", false)]
    [InlineData("", false)]
    public void MeetingLink_AcceptsOnlyAbsoluteHttpsWithoutUserInfo(string value, bool ok)
    {
        (SlotRules.MeetingLink(value) is null).Should().Be(ok);
    }

    [Fact]
    public void MeetingLink_TooLong_SaysTheLimit()
    {
        SlotRules.MeetingLink("https://cal.example.com/" + new string('a', 177)).Should().Be("must be at most 200 characters");
    }

    [Theory]
    [InlineData("Dana", 40, null)]
    [InlineData(" ", 40, "must not be blank")]
    [InlineData("Dana\nLopez", 40, "must be one line, without control characters")]
    [InlineData("Dana Lopez", 5, "must be at most 5 characters")]
    public void Name_SaysWhatIsWrong(string value, int maxLength, string? problem)
    {
        SlotRules.Name(value, maxLength).Should().Be(problem);
    }

    [Theory]
    [InlineData("SMILE20", null)]
    [InlineData("", "must be 1 to 20 characters")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU", "must be 1 to 20 characters")]
    [InlineData("SMILE 20", "must not contain spaces, line breaks or control characters")]
    [InlineData("SMILE\r\n", "must not contain spaces, line breaks or control characters")]
    public void PromoCode_SaysWhatIsWrong(string value, string? problem)
    {
        SlotRules.PromoCode(value).Should().Be(problem);
    }

    [Theory]
    [InlineData("Line one\nLine two\r\n\tindented", null)]
    [InlineData(" \n ", "must not be blank")]
    [InlineData("Hi\u0000", "must not contain control characters (line breaks and tabs are fine)")]
    public void Body_AllowsLineBreaksAndTabsOnly(string value, string? problem)
    {
        SlotRules.Body(value).Should().Be(problem);
    }

    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    [InlineData('\u200E')]
    [InlineData('\u200F')]
    [InlineData('\u200B')]
    [InlineData('\uFEFF')]
    public void IsInvisible_BidiAndZeroWidthCharacters_AreInvisible(char c)
    {
        SlotRules.IsInvisible(c).Should().BeTrue();
        SlotRules.OfferSummary($"20% off{c}").Should().NotBeNull();
    }

    /// <summary>
    /// U+061C ARABIC LETTER MARK, the third implicit bidi mark beside U+200E and U+200F, is invisible too: rejected by
    /// every one-line check and dropped by <see cref="SlotText.Clean"/>.
    /// </summary>
    [Fact]
    public void IsInvisible_ArabicLetterMark_IsInvisible()
    {
        SlotRules.IsInvisible('\u061C').Should().BeTrue();
    }

    [Theory]
    [InlineData('a')]
    [InlineData(' ')]
    [InlineData('é')]
    [InlineData('\u200D')]
    public void IsInvisible_OrdinaryCharacters_AreVisible(char c)
    {
        SlotRules.IsInvisible(c).Should().BeFalse();
    }

    [Fact]
    public void EveryRule_AnyString_NeverThrowsAndAnswersNullOrASentence()
    {
        AnyText.Sample(value =>
        {
            string?[] answers =
            [
                SlotRules.Name(value, SlotLimits.SenderName),
                SlotRules.MeetingLink(value),
                SlotRules.OfferSummary(value),
                SlotRules.PromoCode(value),
                SlotRules.Subject(value),
                SlotRules.Body(value),
            ];

            answers.Should().OnlyContain(a => a == null || a.StartsWith("must ", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void CampaignValidator_AnyStringInAnyField_NeverThrowsAndNamesOnlyKnownFields()
    {
        string[] known = ["Sms.Template", "Sms.SenderName", "Sms.MeetingLink", "Sms.OfferSummary", "Sms.PromoCode", "Email.FromName", "Email.Subject", "Email.Body", "Email.MeetingLink", "MissedCallEmail.Subject", "MissedCallEmail.Body"];
        var gen = Gen.Select(AnyText, AnyText, AnyText, Gen.Enum<SmsTemplateKind>());

        gen.Sample((text, link, code, template) =>
        {
            var campaign = new CampaignFollowUpSettings
            {
                Sms = new SmsFollowUpSettings { Enabled = true, Template = template, SenderName = text, MeetingLink = link, OfferSummary = text, PromoCode = code },
                Email = new EmailFollowUpSettings { Enabled = true, FromName = text, Subject = text, Body = text, MeetingLink = link },
                MissedCallEmail = new MissedCallEmailSettings { Enabled = true, Subject = code, Body = text },
            };

            var result = CampaignValidator.Validate(campaign, Scenario.Account());

            result.Errors.Where(e => !known.Contains(e.Field) || e.Message.Length == 0).Should().BeEmpty();
        });
    }

    [Fact]
    public void AcceptedOfferPromoAndSenderName_AnyString_RendersInPlaceAndKeepsTheOptOutLineLast()
    {
        var template = SmsTemplates.Get(SmsTemplateKind.OfferPromo);
        var lines = template.Text.Split('\n').Length;
        var accepted = 0;

        Gen.Select(ShortText(SlotLimits.OfferSummary), ShortText(SlotLimits.PromoCode), ShortText(SlotLimits.SenderName)).Sample((offer, code, sender) =>
        {
            if (SlotRules.OfferSummary(offer) is not null || SlotRules.PromoCode(code) is not null || SlotRules.Name(sender, SlotLimits.SenderName) is not null)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            var slots = new SmsSlotValues
            {
                FirstName = "Ann",
                SenderName = sender.Trim(),
                BrandName = "Acme Dental",
                OfferSummary = offer.Trim(),
                PromoCode = code,
            };

            var text = SmsRenderer.Render(SmsTemplateKind.OfferPromo, slots);

            text.Should().EndWith("\n" + SmsTemplates.OptOutLine);
            text.Split('\n').Should().HaveCount(lines, "an accepted value cannot add a line");
            text.Should().Contain($"{slots.SenderName} from Acme Dental").And.Contain(slots.OfferSummary).And.Contain($"Use code {code} to redeem it.");
        }, iter: 1000);

        accepted.Should().BeGreaterThan(100, "the property must see accepted values to mean anything");
    }

    [Fact]
    public void AcceptedMeetingLink_AnyString_RendersInPlaceAndKeepsTheOptOutLineLast()
    {
        var accepted = 0;

        Gen.OneOf(AnyText, ShortText(100).Select(s => "https://cal.example.com/" + s), ShortText(60).Select(s => "https://cal.example.com/" + Uri.EscapeDataString(s))).Sample(link =>
        {
            if (SlotRules.MeetingLink(link) is not null)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            var slots = new SmsSlotValues { FirstName = "Ann", SenderName = "Dana", BrandName = "Acme Dental", MeetingLink = link };

            var text = SmsRenderer.Render(SmsTemplateKind.MeetingRequest, slots);

            text.Should().EndWith($": {link}\n{SmsTemplates.OptOutLine}");
        }, iter: 1000);

        accepted.Should().BeGreaterThan(100, "the property must see accepted values to mean anything");
    }
}
