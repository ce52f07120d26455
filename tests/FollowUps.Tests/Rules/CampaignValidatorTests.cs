using FollowUps.Rules;

namespace FollowUps.Tests.Rules;

/// <summary>A campaign's settings are checked per enabled channel, and every error names its field.</summary>
public sealed class CampaignValidatorTests
{
    private static readonly FollowUpOptions Defaults = Scenario.Account();

    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Validate_CompleteCampaign_IsValid(SmsTemplateKind template)
    {
        var result = CampaignValidator.Validate(Campaigns.All(template), Defaults);

        result.IsValid.Should().BeTrue(result.ToString());
        result.ToString().Should().Be("valid");
    }

    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Validate_FixedTextCannotFitTheSegmentBudget_IsAnErrorOnTheTemplate(SmsTemplateKind template)
    {
        var tight = Scenario.Account(o => o.MaxSmsSegments = 1);
        var campaign = Campaigns.All(template) with { Sms = Campaigns.Sms(template) with { SenderName = "Łucja Wiśniewska-Kołodziejczyk" } };

        var result = CampaignValidator.Validate(campaign, tight);

        result.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e =>
            e.Field == "Sms.Template" && e.Message.Contains("UCS-2 because of Ł") && e.Message.Contains("budget of 1 segment;"));
        CampaignValidator.Validate(campaign, Scenario.Account(o => o.MaxSmsSegments = 3)).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_OfferThatWouldAlwaysBeCutForTheBudget_IsAnErrorOnTheOffer()
    {
        var campaign = Campaigns.All(SmsTemplateKind.OfferPromo) with
        {
            Sms = Campaigns.Sms(SmsTemplateKind.OfferPromo) with { OfferSummary = string.Join(' ', Enumerable.Repeat("whitening", 12)) },
        };

        var tight = CampaignValidator.Validate(campaign, Scenario.Account(o => o.MaxSmsSegments = 1));
        var roomy = CampaignValidator.Validate(campaign, Scenario.Account(o => o.MaxSmsSegments = 2));

        tight.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "Sms.OfferSummary" && e.Message.Contains("1 segment"));
        roomy.IsValid.Should().BeTrue(roomy.ToString());
    }

    [Fact]
    public void Validate_NoChannels_IsValid()
    {
        CampaignValidator.Validate(CampaignFollowUpSettings.None, Defaults).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_DisabledChannelsWithBadValues_AreNotChecked()
    {
        var campaign = new CampaignFollowUpSettings
        {
            Sms = new SmsFollowUpSettings { Enabled = false, Template = SmsTemplateKind.OfferPromo, SenderName = "a\nb", MeetingLink = "javascript:alert(1)", PromoCode = "has spaces" },
            Email = new EmailFollowUpSettings { Enabled = false, Subject = "a\r\nBcc: x@y.com", MeetingLink = "http://x" },
            MissedCallEmail = new MissedCallEmailSettings { Enabled = false, Subject = null, Body = "\0" },
        };

        CampaignValidator.Validate(campaign, Defaults).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_NullChannelSettings_AreTreatedAsOff()
    {
        var campaign = new CampaignFollowUpSettings { Sms = null!, Email = null!, MissedCallEmail = null! };

        CampaignValidator.Validate(campaign, Defaults).IsValid.Should().BeTrue();
    }

    public static TheoryData<string, string> InvalidValues => new()
    {
        // Sender name: one line, at most 40 characters.
        { "Sms.SenderName", "Dana\r\nCall 555-0100" },
        { "Sms.SenderName", "Dana\u0007" },
        { "Sms.SenderName", "Dana\u2028Lopez" },
        { "Sms.SenderName", "\u202Eanad" },
        { "Sms.SenderName", new string('D', SlotLimits.SenderName + 1) },

        // Meeting link: an absolute https URL of at most 200 characters, without spaces or user info.
        { "Sms.MeetingLink", "http://cal.example.com/dana" },
        { "Sms.MeetingLink", "/dana" },
        { "Sms.MeetingLink", "cal.example.com/dana" },
        { "Sms.MeetingLink", "javascript:alert(1)" },
        { "Sms.MeetingLink", "ftp://cal.example.com/dana" },
        { "Sms.MeetingLink", "https://" },
        { "Sms.MeetingLink", "https://cal.example.com/dana smith" },
        { "Sms.MeetingLink", "https://cal.example.com/dana\nBcc: x" },
        { "Sms.MeetingLink", "https://dana:secret@cal.example.com/dana" },
        { "Sms.MeetingLink", "https://cal.example.com/" + new string('a', SlotLimits.MeetingLink) },

        // Offer summary: one line, at most 120 characters.
        { "Sms.OfferSummary", "20% off whitening\nReply YES to win" },
        { "Sms.OfferSummary", "20% off\u2029whitening" },
        { "Sms.OfferSummary", "20% off \u202Egninetihw" },
        { "Sms.OfferSummary", new string('x', SlotLimits.OfferSummary + 1) },

        // Promo code: 1 to 20 characters, no white space, control or invisible characters.
        { "Sms.PromoCode", "SMILE 20" },
        { "Sms.PromoCode", "SMILE\n20" },
        { "Sms.PromoCode", "SMILE\t20" },
        { "Sms.PromoCode", "SMILE\u000020" },
        { "Sms.PromoCode", "SMILE\u200B20" },
        { "Sms.PromoCode", "SMILE\u202E02" },
        { "Sms.PromoCode", "SMILE\u00A020" },
        { "Sms.PromoCode", new string('S', SlotLimits.PromoCode + 1) },

        // Email copy.
        { "Email.FromName", "Dana\r\nBcc: x@y.com" },
        { "Email.FromName", "Dana\u0000" },
        { "Email.FromName", "Dana\u202E" },
        { "Email.FromName", new string('D', SlotLimits.FromName + 1) },
        { "Email.Subject", "Hello\r\nBcc: x@y.com" },
        { "Email.Subject", "Hello\nBcc: x@example.com" },
        { "Email.Subject", "Hello\u001B[31m" },
        { "Email.Subject", "Invoice \u202Efdp.exe" },
        { "Email.Subject", new string('s', SlotLimits.Subject + 1) },
        { "Email.Body", "Hi\u0000there" },
        { "Email.Body", "Hi \u202Eereht" },
        { "Email.Body", "Hi\u200Bthere" },
        { "Email.Body", new string('b', SlotLimits.Body + 1) },
        { "Email.MeetingLink", "http://cal.example.com/dana" },
        { "Email.MeetingLink", "https://cal.example.com/da na" },
        { "MissedCallEmail.Subject", "Sorry\r\nBcc: x@y.com" },
        { "MissedCallEmail.Subject", "Sorry\u0085we missed you" },
        { "MissedCallEmail.Body", "Hi\u0007" },
        { "MissedCallEmail.Body", new string('b', SlotLimits.Body + 1) },

        // Email templates: text and the five placeholders only, nothing Scriban could run.
        { "Email.Subject", "Hi {{ name }}" },
        { "Email.Subject", "{{ first_name | string.upcase }}" },
        { "Email.Subject", "{{ 'A' * 200000000 }}" },
        { "Email.Subject", "Hi {{ first_name" },
        { "Email.Body", "{{ for i in 1..1000000 }}x{{ end }}" },
        { "Email.Body", "{{ contact.email }}" },
        { "Email.Body", "{{ first_name; brand }}" },
        { "Email.Body", "{{ x = 1 }}" },
        { "Email.Body", "{{ func f; ret 1; end }}" },
        { "Email.Body", "{{ include 'other' }}" },
        { "Email.Body", "{{ date.now }}" },
        { "MissedCallEmail.Subject", "Sorry, {{ firstname }}" },
        { "MissedCallEmail.Body", "{{ (1..1000000) | array.size }}" },

        // Email formatting: links are https, http or mailto; no images.
        { "Email.Body", "[click](javascript:alert(1))" },
        { "Email.Body", "<javascript:alert(1)>" },
        { "Email.Body", "[home](/relative/path)" },
        { "Email.Body", "[data](data:text/html;base64,PHNjcmlwdD4=)" },
        { "Email.Body", "![logo](https://acme.example/logo.png)" },
        { "MissedCallEmail.Body", "[call us](tel:+14155550123)" },

        // Found by review: what validation passed once and rendered unsafe, broken or empty.
        { "Email.Body", "Hi\u2028\u2028[bob]: javascript:alert(1)\u2028\u2028Click [bob]" },
        { "Email.Body", "Hi [{{ first_name }}]!\n\n[bob]: javascript:alert(document.domain)" },
        { "Email.Body", "See <{{ first_name }}:alert(1)>" },
        { "Email.Body", "[Visit](https://acme.example/{{ brand }})" },
        { "Email.Body", "<https://acme.example/?n={{ first_name }}>" },
        { "Email.Body", "[{{ meeting_link }}](https://other.example)" },
        { "Email.Body", string.Concat(Enumerable.Repeat("- ", 70)) + "x" },
        { "Email.Body", string.Concat(Enumerable.Repeat("[note ", 130)) },
        { "Email.Body", new string('*', 300) + "x" + new string('*', 300) },
        { "Email.Body", string.Concat(Enumerable.Repeat("*_", 4900)) },
        { "Email.Body", "{{ # just a note }}" },
        { "Email.Body", "[a]: https://acme.example" },
        { "Email.Body", "Hi &#x202E;gnp.exe" },
        { "Email.MeetingLink", "https://cal.example.com/dana\\" },
        { "Email.MeetingLink", "https://cal.example.com/?a=1&lt;b" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Validate_InvalidValue_IsAnErrorNamingItsField(string field, string value)
    {
        var result = CampaignValidator.Validate(CampaignWith(field, value), Defaults);

        result.IsValid.Should().BeFalse();
        result.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.Field == field, "only {0} is wrong", field);
        result.Errors.Should().OnlyContain(e => !string.IsNullOrWhiteSpace(e.Message));
    }

    public static TheoryData<string, string> ValidValues => new()
    {
        { "Sms.SenderName", "Maria López" },
        { "Sms.SenderName", new string('D', SlotLimits.SenderName) },
        { "Sms.SenderName", "   " },
        { "Sms.MeetingLink", "https://cal.example.com/dana?utm_source=sms#book" },
        { "Sms.MeetingLink", "HTTPS://CAL.EXAMPLE.COM/Dana" },
        { "Sms.MeetingLink", "https://cal.example.com:8443/dana" },
        { "Sms.MeetingLink", "https://cal.example.com/" + new string('a', SlotLimits.MeetingLink - 24) },
        { "Sms.OfferSummary", "20% off whitening — book by Aug 31 😀" },
        { "Sms.OfferSummary", new string('x', SlotLimits.OfferSummary) },
        { "Sms.PromoCode", "SMILE-20_ÉTÉ" },
        { "Sms.PromoCode", new string('S', SlotLimits.PromoCode) },
        { "Email.FromName", new string('D', SlotLimits.FromName) },
        { "Email.FromName", null! },
        { "Email.FromName", "  " },
        { "Email.Subject", "Ihre Reinigung bei Acme — 15. Juli" },
        { "Email.Body", "Hi,\r\n\r\n\t- Cleaning\n\t- Whitening\n\nAcme" },
        { "Email.Body", new string('b', SlotLimits.Body) },
        { "Email.MeetingLink", "" },
        { "MissedCallEmail.Subject", new string('s', SlotLimits.Subject) },
        { "Email.Subject", "{{ first_name }}, your visit at {{ brand }}" },
        { "Email.Subject", "{{~ first_name ~}} !" },
        { "Email.Body", "Hi {{ first_name }},\n\n**Thanks** for *talking* with {{ sender_name }}.\n\n- [Book]({{ meeting_link }})\n- <https://acme.example>\n\n[Mail us](mailto:hi@acme.example)" },
        { "Email.Body", "Literal braces: {%{ {{ not a placeholder }} }%}" },
        { "Email.Body", "Single { braces } and # not a heading, <b>shown as text</b>" },
        { "MissedCallEmail.Body", "Sorry we missed you, {{ first_name }}. Book a time: {{ meeting_link }}\n\n{{ from_name }}" },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Validate_ValidValue_IsNoError(string field, string value)
    {
        var result = CampaignValidator.Validate(CampaignWith(field, value), Defaults);

        result.IsValid.Should().BeTrue(result.ToString());
    }

    [Theory]
    [InlineData("Sms.OfferSummary", null)]
    [InlineData("Sms.OfferSummary", " ")]
    [InlineData("Sms.PromoCode", null)]
    [InlineData("Sms.PromoCode", "")]
    [InlineData("Email.Subject", null)]
    [InlineData("Email.Body", "\r\n")]
    [InlineData("MissedCallEmail.Subject", "")]
    [InlineData("MissedCallEmail.Body", null)]
    public void Validate_RequiredValueMissing_IsAnErrorNamingItsField(string field, string? value)
    {
        var result = CampaignValidator.Validate(CampaignWith(field, value), Defaults);

        result.Errors.Should().ContainSingle().Which.Field.Should().Be(field);
        result.Errors[0].Message.Should().StartWith("is required");
    }

    [Theory]
    [InlineData("Email.Subject", "Book at {{ meeting_link }}")]
    [InlineData("Email.Body", "Book: {{ meeting_link }}")]
    [InlineData("MissedCallEmail.Body", "[Book a time]({{ meeting_link }})")]
    public void Validate_EmailPlacingTheMeetingLinkWithNoEmailLink_IsAWarningNamingTheField(string field, string value)
    {
        // The account's default link is the SMS templates' fallback; an email's link is its own, and optional.
        var campaign = CampaignWith(field, value) with { Sms = SmsFollowUpSettings.Disabled };
        campaign = campaign with { Email = campaign.Email with { MeetingLink = null } };

        var result = CampaignValidator.Validate(campaign, Defaults);

        result.IsValid.Should().BeTrue(result.ToString());
        result.Warnings.Should().ContainSingle().Which.Should().Be(new FieldWarning(
            field, "uses {{ meeting_link }}, but Email.MeetingLink is blank, so it shows nothing there; set Email.MeetingLink, or take the placeholder out"));
        result.ToString().Should().Be($"valid; warnings: {field}: uses {{{{ meeting_link }}}}, but Email.MeetingLink is blank, so it shows nothing there; set Email.MeetingLink, or take the placeholder out");
    }

    [Theory]
    [InlineData("{{ meeting_link }}")]
    [InlineData("\n  {{ meeting_link }}\n\n")]
    public void Validate_BodyThatShowsNothingButTheMeetingLinkWithNoLinkSet_IsAnError(string body)
    {
        // It would render as an empty email: every send would fail, so validation refuses it rather than warns.
        var campaign = Campaigns.All() with { Email = Campaigns.Email with { Body = body, MeetingLink = null } };

        var result = CampaignValidator.Validate(campaign, Defaults);

        result.Errors.Should().ContainSingle().Which.Should().Be(
            new FieldError("Email.Body", "shows no text without a meeting link; write the message, or set Email.MeetingLink"));
        CampaignValidator.Validate(campaign with { Email = campaign.Email with { MeetingLink = "https://cal.example.com/x" } }, Defaults).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_EmailWithoutMeetingLinkThatShowsNone_HasNoWarning()
    {
        var campaign = Campaigns.All() with { Email = Campaigns.Email with { MeetingLink = null } };

        CampaignValidator.Validate(campaign, Defaults).Should().Be(CampaignValidationResult.Valid);
    }

    [Fact]
    public void Validate_EmailOnWithAskForEmailOff_WarnsThatItIsNeverSent()
    {
        var campaign = Campaigns.All() with { Email = Campaigns.Email with { AskForEmail = false } };

        var result = CampaignValidator.Validate(campaign, Defaults);

        result.IsValid.Should().BeTrue("the email is skipped as AskForEmailOff at run time; nothing is wrong to send");
        result.Warnings.Should().ContainSingle().Which.Should().Be(new FieldWarning(
            "Email.AskForEmail", "is off, so no contact can agree to an email on the call and the email follow-up is never sent; turn it on, or turn the email follow-up off"));
    }

    [Fact]
    public void Validate_EmailOffWithAskForEmailOff_HasNoWarning()
    {
        var campaign = Campaigns.All() with { Email = Campaigns.Email with { Enabled = false, AskForEmail = false } };

        CampaignValidator.Validate(campaign, Defaults).Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Validate_EmailTakingAnSmsSenderNameWithALineBreak_NamesItAndTheEmailEvenWithSmsOff()
    {
        var campaign = CampaignWith("Email.Subject", "A note from {{ sender_name }}") with
        {
            Sms = SmsFollowUpSettings.Disabled with { SenderName = "Dana\r\nBcc: x@evil.example" },
        };

        var result = CampaignValidator.Validate(campaign, Defaults);

        result.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e =>
            e.Field == "Sms.SenderName" && e.Message.EndsWith("(it fills {{ sender_name }} in the email)", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DisabledSmsWithABadSenderNameNoEmailShows_IsValid()
    {
        // Issue 9, item 8: a channel that is off stops nothing unless an email fills a placeholder with its value.
        var campaign = Campaigns.All() with { Sms = SmsFollowUpSettings.Disabled with { SenderName = "Dr.\nLee" } };

        var result = CampaignValidator.Validate(campaign, Defaults);

        result.Should().Be(CampaignValidationResult.Valid);
        EmailValidator.ValidateEmail(campaign).Should().BeEmpty();
        EmailValidator.ValidateMissedCallEmail(campaign).Should().BeEmpty();
    }

    [Fact]
    public void Validate_MissedCallEmailShowingABadSenderName_NamesTheMissedCallEmail()
    {
        var campaign = Campaigns.All() with
        {
            Sms = SmsFollowUpSettings.Disabled with { SenderName = "Dr.\nLee" },
            MissedCallEmail = Campaigns.MissedCallEmail with { Body = "Sorry we missed you.\n\n{{ sender_name }}" },
        };

        var error = EmailValidator.ValidateMissedCallEmail(campaign).Should().ContainSingle().Subject;

        error.Field.Should().Be("Sms.SenderName");
        error.Message.Should().EndWith("(it fills {{ sender_name }} in the missed-call email)");
        EmailValidator.ValidateEmail(campaign).Should().BeEmpty("the email follow-up does not show the sender name");
    }

    [Fact]
    public void Validate_MissedCallEmailWithABadFromNameAndLink_RefusesTheNameAlwaysAndTheLinkWhereItShowsIt()
    {
        var campaign = Campaigns.All() with
        {
            Email = Campaigns.Email with { FromName = "Dana\r\nBcc: x@evil.example", MeetingLink = "javascript:alert(document.domain)" },
        };

        var result = CampaignValidator.Validate(campaign, Defaults);

        result.Errors.Select(e => e.Field).Should().BeEquivalentTo(["Email.FromName", "Email.MeetingLink"]);
        EmailValidator.ValidateMissedCallEmail(campaign).Should().ContainSingle("the missed-call email is sent under the from name, and its body shows no link")
            .Which.Message.Should().EndWith("(the missed-call email is sent under it)");

        var showingTheLink = campaign with { MissedCallEmail = Campaigns.MissedCallEmail with { Body = "Book: {{ meeting_link }}" } };
        EmailValidator.ValidateMissedCallEmail(showingTheLink).Select(e => e.Field).Should().BeEquivalentTo(["Email.FromName", "Email.MeetingLink"]);
    }

    [Fact]
    public void Validate_UnknownPlaceholder_SaysWhichOnesExist()
    {
        var result = CampaignValidator.Validate(CampaignWith("Email.Subject", "Hi {{ name }}"), Defaults);

        result.Errors.Should().ContainSingle().Which.Message.Should().Be(
            "uses the placeholder {{ name }}, which does not exist; use {{ first_name }}, {{ from_name }}, {{ sender_name }}, {{ brand }}, {{ meeting_link }}");
    }

    [Theory]
    [InlineData(SmsTemplateKind.MeetingRequest, "Meeting Request")]
    [InlineData(SmsTemplateKind.NextStep, "Next Step")]
    public void Validate_MeetingLinkTemplateWithNoLinkAnywhere_NamesSmsMeetingLink(SmsTemplateKind template, string name)
    {
        var noDefault = Scenario.Account(o => o.DefaultMeetingLink = " ");

        var result = CampaignValidator.Validate(Campaigns.All(template), noDefault);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Field.Should().Be("Sms.MeetingLink");
        error.Message.Should().Contain(name).And.Contain("DefaultMeetingLink");
    }

    [Theory]
    [InlineData(SmsTemplateKind.AppointmentConfirmation)]
    [InlineData(SmsTemplateKind.ConversationSummary)]
    [InlineData(SmsTemplateKind.OfferPromo)]
    public void Validate_TemplateWithoutLinkSlotAndNoLinkAnywhere_IsValid(SmsTemplateKind template)
    {
        var noDefault = Scenario.Account(o => o.DefaultMeetingLink = null);

        CampaignValidator.Validate(Campaigns.All(template), noDefault).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_CampaignLinkButNoDefault_IsValid()
    {
        var campaign = Campaigns.All() with { Sms = Campaigns.Sms() with { MeetingLink = "https://cal.example.com/maria" } };

        CampaignValidator.Validate(campaign, Scenario.Account(o => o.DefaultMeetingLink = null)).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_OfferFieldsOnAnotherTemplate_AreIgnored()
    {
        var campaign = Campaigns.All() with { Sms = Campaigns.Sms() with { OfferSummary = "two\nlines", PromoCode = "has spaces" } };

        CampaignValidator.Validate(campaign, Defaults).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_UnknownTemplate_NamesSmsTemplateOnly()
    {
        var campaign = Campaigns.All() with
        {
            Sms = Campaigns.Sms() with { Template = (SmsTemplateKind)99, SenderName = "a\nb" },
            Email = EmailFollowUpSettings.Disabled,
            MissedCallEmail = MissedCallEmailSettings.Disabled,
        };

        var error = CampaignValidator.Validate(campaign, Defaults).Errors.Should().ContainSingle().Subject;

        error.Should().Be(new FieldError("Sms.Template", "must be one of the five SMS templates"));
    }

    [Fact]
    public void Validate_ProblemsInEveryChannel_ReportsEachByField()
    {
        var campaign = new CampaignFollowUpSettings
        {
            Sms = Campaigns.Sms(SmsTemplateKind.OfferPromo) with { MeetingLink = "http://x.example", PromoCode = "A B" },
            Email = Campaigns.Email with { Subject = "a\nb", Body = "" },
            MissedCallEmail = Campaigns.MissedCallEmail with { Subject = null },
        };

        var result = CampaignValidator.Validate(campaign, Defaults);

        result.Errors.Select(e => e.Field).Should().Equal(
            "Sms.MeetingLink", "Sms.PromoCode", "Email.Subject", "Email.Body", "MissedCallEmail.Subject");
        result.ToString().Should().StartWith("Sms.MeetingLink: must be an absolute https URL");
    }

    [Fact]
    public void Validate_MissedCallEmailOnlyWithBadEmailFromName_NamesEmailFromName()
    {
        // The missed-call email goes out under the email from name, so it is checked even with email follow-ups off.
        var campaign = new CampaignFollowUpSettings
        {
            Email = new EmailFollowUpSettings { Enabled = false, FromName = "Dana\r\nBcc: x@y.com" },
            MissedCallEmail = Campaigns.MissedCallEmail,
        };

        var error = CampaignValidator.Validate(campaign, Defaults).Errors.Should().ContainSingle().Subject;

        error.Field.Should().Be("Email.FromName");
    }

    /// <summary>
    /// With email follow-ups and missed-call emails both on, a bad from name is reported once, not once per channel.
    /// </summary>
    [Fact]
    public void Validate_BadFromNameWithEmailAndMissedCallEmailOn_ReportsItOnce()
    {
        var campaign = Campaigns.All() with { Email = Campaigns.Email with { FromName = "Dana\r\nBcc: x@y.com" } };

        var result = CampaignValidator.Validate(campaign, Defaults);

        result.Errors.Should().ContainSingle(e => e.Field == "Email.FromName");
    }

    /// <summary>
    /// Bidirectional and zero-width characters make a link invalid, although <see cref="Uri"/> parses around them: a
    /// link that displays differently from where it goes must not reach an SMS or email.
    /// </summary>
    [Theory]
    [InlineData("Sms.MeetingLink", "https://cal.example.com/\u202Eanad")]
    [InlineData("Sms.MeetingLink", "https://cal.exa\u202Emple.com/dana")]
    [InlineData("Sms.MeetingLink", "https://cal.example.com/da\u200Bna")]
    [InlineData("Email.MeetingLink", "https://cal.example.com/dana\u2066")]
    public void Validate_MeetingLinkWithInvisibleCharacter_IsAnError(string field, string link)
    {
        var result = CampaignValidator.Validate(CampaignWith(field, link), Defaults);

        result.Errors.Should().ContainSingle().Which.Field.Should().Be(field);
    }

    /// <summary>The campaign that sets <paramref name="field"/> to <paramref name="value"/>, with every channel on and everything else valid.</summary>
    private static CampaignFollowUpSettings CampaignWith(string field, string? value)
    {
        var all = Campaigns.All();
        var withEmailOff = all with { MissedCallEmail = MissedCallEmailSettings.Disabled };
        return field switch
        {
            "Sms.SenderName" => all with { Sms = Campaigns.Sms() with { SenderName = value } },
            "Sms.MeetingLink" => all with { Sms = Campaigns.Sms() with { MeetingLink = value } },
            "Sms.OfferSummary" => all with { Sms = Campaigns.Sms(SmsTemplateKind.OfferPromo) with { OfferSummary = value } },
            "Sms.PromoCode" => all with { Sms = Campaigns.Sms(SmsTemplateKind.OfferPromo) with { PromoCode = value } },

            // The missed-call email checks the from name too; it is off here so each error shows once.
            "Email.FromName" => withEmailOff with { Email = Campaigns.Email with { FromName = value } },
            "Email.Subject" => all with { Email = Campaigns.Email with { Subject = value } },
            "Email.Body" => all with { Email = Campaigns.Email with { Body = value } },
            "Email.MeetingLink" => all with { Email = Campaigns.Email with { MeetingLink = value } },
            "MissedCallEmail.Subject" => all with { MissedCallEmail = Campaigns.MissedCallEmail with { Subject = value } },
            "MissedCallEmail.Body" => all with { MissedCallEmail = Campaigns.MissedCallEmail with { Body = value } },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a field these tests set."),
        };
    }
}
