using FollowUps.Rules;
using FollowUps.Templates;

namespace FollowUps.Tests.Rules;

/// <summary>What the planner sends, where, and with which values: overrides win, blanks fall back to the account.</summary>
public sealed class FollowUpPlannerTests
{
    private static readonly Scenario Answered = new();

    [Fact]
    public void Plan_Baseline_SendsWhatTheCallAllows()
    {
        Answered.Plan().Should().Match<FollowUpPlan>(p => p.Sms is SendSms && p.Email is SendEmail);
        Answered.Plan(FollowUpKind.MissedCallEmail).ShouldSkip(OutcomeReason.CallNotMissed);

        var missed = Scenario.MissedCall.Plan();
        missed.MissedCallEmail.ShouldSendEmail();
        missed.Sms.ShouldSkip(OutcomeReason.CallNotAnswered);
        missed.Email.ShouldSkip(OutcomeReason.CallNotAnswered);
    }

    [Fact]
    public void Plan_SmsConsentGranted_SendsTheTemplateToTheE164Number()
    {
        var sms = Answered.Plan(FollowUpKind.Sms).ShouldSendSms();

        sms.To.Should().Be(Calls.PhoneE164);
        sms.Template.Should().Be(SmsTemplateKind.MeetingRequest);
        sms.Slots.Should().BeEquivalentTo(new
        {
            FirstName = "Ann",
            SenderName = "Dana",
            BrandName = "Acme Dental",
            MeetingLink = "https://cal.example.com/acme-dental",
        });
    }

    [Theory]
    [InlineData("(415) 555-2671")]
    [InlineData("+1 415-555-2671")]
    [InlineData("415.555.2671")]
    [InlineData("+14155552671")]
    public void Plan_PhoneInAnyNotation_SendsSmsToE164(string phone)
    {
        var sms = Answered.WithCall(c => c.WithContact(p => p with { Phone = phone })).Plan(FollowUpKind.Sms).ShouldSendSms();

        sms.To.Should().Be(Calls.PhoneE164);
    }

    [Fact]
    public void Plan_PhoneWithoutCountryCode_IsReadInTheAccountRegion()
    {
        var scenario = Answered.WithCall(c => c.WithContact(p => p with { Phone = "020 7946 0958" }))
            with { Defaults = Scenario.Account(o => o.DefaultRegion = "GB") };

        scenario.Plan(FollowUpKind.Sms).ShouldSendSms().To.Should().Be("+442079460958");
    }

    [Fact]
    public void Plan_EmailConsentGranted_SendsToTheCapturedAddressOverTheOneOnFile()
    {
        var email = Answered.Plan(FollowUpKind.Email).ShouldSendEmail();

        email.Kind.Should().Be(FollowUpKind.Email);
        email.To.Should().Be(Calls.CapturedEmail);
        email.Draft.Should().Be(new EmailDraft(
            Campaigns.Email.Subject!,
            Campaigns.Email.Body!,
            new EmailValues(FirstName: "Ann", FromName: "Dana at Acme Dental", SenderName: "Dana", Brand: "Acme Dental", MeetingLink: Campaigns.EmailMeetingLink),
            ClosesWithMeetingLink: true));
    }

    [Theory]
    [InlineData("ann.lee@work")]
    [InlineData("ann lee at work dot example")]
    [InlineData("ann.lee@work.example\r\nBcc: x@y.com")]
    public void Plan_CapturedEmailMalformed_FallsBackToTheAddressOnFile(string captured)
    {
        var email = Answered.WithCall(c => c with { CapturedEmail = captured }).Plan(FollowUpKind.Email).ShouldSendEmail();

        email.To.Should().Be(Calls.EmailOnFile);
    }

    [Fact]
    public void Plan_NoCapturedEmail_SendsToTheAddressOnFile()
    {
        var email = Answered.WithCall(c => c with { CapturedEmail = null }).Plan(FollowUpKind.Email).ShouldSendEmail();

        email.To.Should().Be(Calls.EmailOnFile);
    }

    [Fact]
    public void Plan_CapturedEmailButNoneOnFile_SendsToTheCapturedAddress()
    {
        var email = Answered.WithCall(c => c.WithContact(p => p with { Email = null })).Plan(FollowUpKind.Email).ShouldSendEmail();

        email.To.Should().Be(Calls.CapturedEmail);
    }

    [Theory]
    [InlineData(CallStatus.Missed)]
    [InlineData(CallStatus.Busy)]
    [InlineData(CallStatus.NoAnswer)]
    public void Plan_MissedBusyOrNoAnswer_SendsTheMissedCallEmailToTheAddressOnFile(CallStatus status)
    {
        var email = new Scenario { Call = Calls.NotAnswered(status) }.Plan(FollowUpKind.MissedCallEmail).ShouldSendEmail();

        email.Kind.Should().Be(FollowUpKind.MissedCallEmail);
        email.To.Should().Be(Calls.EmailOnFile);
        email.Draft.Should().Be(new EmailDraft(
            Campaigns.MissedCallEmail.Subject!,
            Campaigns.MissedCallEmail.Body!,
            new EmailValues(FirstName: "Ann", FromName: "Dana at Acme Dental", SenderName: "Dana", Brand: "Acme Dental", MeetingLink: Campaigns.EmailMeetingLink),
            ClosesWithMeetingLink: false));
    }

    [Fact]
    public void Plan_MissedCallEmail_NeedsNoConsentAndIgnoresACapturedAddress()
    {
        var call = Calls.Missed with
        {
            Consent = new CallConsent { Email = ChannelConsent.Declined },
            CapturedEmail = "someone.else@example.com",
        };

        var email = new Scenario { Call = call }.Plan(FollowUpKind.MissedCallEmail).ShouldSendEmail();

        email.To.Should().Be(Calls.EmailOnFile);
    }

    [Theory]
    [InlineData(SuppressionTargetKind.ContactId, CallStatus.Answered)]
    [InlineData(SuppressionTargetKind.Phone, CallStatus.Answered)]
    [InlineData(SuppressionTargetKind.Email, CallStatus.Answered)]
    [InlineData(SuppressionTargetKind.ContactId, CallStatus.Missed)]
    [InlineData(SuppressionTargetKind.Phone, CallStatus.Busy)]
    [InlineData(SuppressionTargetKind.Email, CallStatus.NoAnswer)]
    public void Plan_ContactSuppressedOnAnyChannel_SkipsEveryKindWithSuppressed(SuppressionTargetKind by, CallStatus status)
    {
        var call = status == CallStatus.Answered ? Calls.Answered : Calls.NotAnswered(status);
        var plan = new Scenario { Call = call, Suppression = Scenario.DoNotContact(by) }.Plan();

        plan.All.Should().AllSatisfy(d => d.ShouldSkip(OutcomeReason.Suppressed).Detail.Should().Contain(by.ToString()));
    }

    [Fact]
    public void Plan_ContactSuppressedButChannelOff_SaysTheChannelIsOff()
    {
        var scenario = Answered.WithSms(_ => SmsFollowUpSettings.Disabled) with { Suppression = Scenario.DoNotContact() };

        var plan = scenario.Plan();

        plan.Sms.ShouldSkip(OutcomeReason.ChannelDisabled);
        plan.Email.ShouldSkip(OutcomeReason.Suppressed);
    }

    [Theory]
    [InlineData("Maria", "Maria")]
    [InlineData("  Maria Lopez ", "Maria Lopez")]
    [InlineData("", "Dana")]
    [InlineData("   ", "Dana")]
    [InlineData(null, "Dana")]
    public void Plan_SmsSenderName_CampaignWinsAndBlankFallsBackToTheDefault(string? campaignSender, string expected)
    {
        var sms = Answered.WithSms(s => s with { SenderName = campaignSender }).Plan(FollowUpKind.Sms).ShouldSendSms();

        sms.Slots.SenderName.Should().Be(expected);
    }

    [Theory]
    [InlineData("https://cal.example.com/maria", "https://cal.example.com/maria")]
    [InlineData("", "https://cal.example.com/acme-dental")]
    [InlineData(" ", "https://cal.example.com/acme-dental")]
    [InlineData(null, "https://cal.example.com/acme-dental")]
    public void Plan_SmsMeetingLink_CampaignWinsAndBlankFallsBackToTheDefault(string? campaignLink, string expected)
    {
        foreach (var template in new[] { SmsTemplateKind.MeetingRequest, SmsTemplateKind.NextStep })
        {
            var sms = Answered.WithSms(_ => Campaigns.Sms(template) with { MeetingLink = campaignLink }).Plan(FollowUpKind.Sms).ShouldSendSms();

            sms.Slots.MeetingLink.Should().Be(expected, "the {0} template uses it", template);
        }
    }

    [Theory]
    [InlineData(SmsTemplateKind.MeetingRequest)]
    [InlineData(SmsTemplateKind.NextStep)]
    public void Plan_CampaignLinkButNoDefault_UsesTheCampaignLink(SmsTemplateKind template)
    {
        var scenario = Answered.WithSms(_ => Campaigns.Sms(template) with { MeetingLink = "https://cal.example.com/maria" })
            with { Defaults = Scenario.Account(o => o.DefaultMeetingLink = null) };

        scenario.Plan(FollowUpKind.Sms).ShouldSendSms().Slots.MeetingLink.Should().Be("https://cal.example.com/maria");
    }

    [Theory]
    [InlineData(SmsTemplateKind.AppointmentConfirmation)]
    [InlineData(SmsTemplateKind.ConversationSummary)]
    [InlineData(SmsTemplateKind.OfferPromo)]
    public void Plan_TemplateWithoutAMeetingLinkSlot_SendsWithNoLinkAnywhere(SmsTemplateKind template)
    {
        var scenario = Answered.WithSms(_ => Campaigns.Sms(template)) with { Defaults = Scenario.Account(o => o.DefaultMeetingLink = null) };

        var sms = scenario.Plan(FollowUpKind.Sms).ShouldSendSms();

        sms.Template.Should().Be(template);
        sms.Slots.MeetingLink.Should().BeNull();
    }

    /// <summary>
    /// Issue 9, item 9: an email's meeting link is its own and optional. The account's default link is the SMS templates'
    /// fallback; blank means the emails have no link, and only the follow-up email closes with one.
    /// </summary>
    [Theory]
    [InlineData("https://cal.example.com/email-link", "https://cal.example.com/acme-dental", "https://cal.example.com/email-link")]
    [InlineData(" ", "https://cal.example.com/acme-dental", null)]
    [InlineData(null, "https://cal.example.com/acme-dental", null)]
    [InlineData(null, null, null)]
    public void Plan_EmailMeetingLink_IsTheCampaignsAndBlankMeansNone(string? campaignLink, string? defaultLink, string? expected)
    {
        var scenario = Answered.WithEmail(e => e with { MeetingLink = campaignLink }) with { Defaults = Scenario.Account(o => o.DefaultMeetingLink = defaultLink) };

        var email = scenario.Plan(FollowUpKind.Email).ShouldSendEmail().Draft;
        var missed = (scenario with { Call = Calls.Missed }).Plan(FollowUpKind.MissedCallEmail).ShouldSendEmail().Draft;

        email.Values.MeetingLink.Should().Be(expected);
        email.ClosesWithMeetingLink.Should().BeTrue();
        missed.Values.MeetingLink.Should().Be(expected);
        missed.ClosesWithMeetingLink.Should().BeFalse("the missed-call email shows only what its body says");
    }

    /// <summary>Issue 9, item 10: one rule for the from name: the campaign's, else the account's default sender name, for both emails.</summary>
    [Theory]
    [InlineData("Dana at Acme Dental", "Dana at Acme Dental")]
    [InlineData(null, "Dana")]
    [InlineData("  ", "Dana")]
    public void Plan_FromName_IsTheCampaignsElseTheDefaultSenderNameForBothEmails(string? fromName, string expected)
    {
        var scenario = Answered.WithEmail(e => e with { FromName = fromName });

        scenario.Plan(FollowUpKind.Email).ShouldSendEmail().Draft.Values.FromName.Should().Be(expected);
        (scenario with { Call = Calls.Missed }).Plan(FollowUpKind.MissedCallEmail).ShouldSendEmail().Draft.Values.FromName.Should().Be(expected);
    }

    /// <summary>Issue 9, item 8: an SMS setting left invalid while SMS is off stops no email that does not show it.</summary>
    [Fact]
    public void Plan_SmsOffWithAnInvalidSenderName_StillSendsBothEmails()
    {
        var scenario = Answered.WithSms(s => s with { Enabled = false, SenderName = "Dr.\nLee" });

        scenario.Plan(FollowUpKind.Email).ShouldSendEmail();
        (scenario with { Call = Calls.Missed }).Plan(FollowUpKind.MissedCallEmail).ShouldSendEmail();
    }

    [Theory]
    [InlineData("Ann", "Ann")]
    [InlineData("  Ann\u200B ", "Ann")]
    [InlineData(null, "there")]
    [InlineData("   ", "there")]
    public void Plan_EmailFirstName_IsTheCleanedNameOrThere(string? firstName, string expected)
    {
        var scenario = Answered.WithCall(c => c.WithContact(p => p with { FirstName = firstName }));

        scenario.Plan(FollowUpKind.Email).ShouldSendEmail().Draft.Values.FirstName.Should().Be(expected);
    }

    [Fact]
    public void Plan_EmailCopy_FromNameIsTrimmedAndTheTemplatesAreLeftToTheComposer()
    {
        var scenario = Answered.WithEmail(e => e with { FromName = "  Dana at Acme  ", Subject = " Your visit ", Body = "  Line one\n\n  - item\n" });

        var draft = scenario.Plan(FollowUpKind.Email).ShouldSendEmail().Draft;

        draft.Values.FromName.Should().Be("Dana at Acme");
        draft.Subject.Should().Be(" Your visit ");
        draft.Body.Should().Be("  Line one\n\n  - item\n");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Plan_MissedCallEmailFromName_IsTheCampaignEmailFromNameEvenWithEmailFollowUpsOff(bool emailEnabled)
    {
        var scenario = Scenario.MissedCall.WithEmail(e => e with { Enabled = emailEnabled, FromName = " Maria at Acme " });

        scenario.Plan(FollowUpKind.MissedCallEmail).ShouldSendEmail().Draft.Values.FromName.Should().Be("Maria at Acme");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Plan_MissedCallEmailWithoutACampaignFromName_UsesTheDefaultSenderName(string? fromName)
    {
        var scenario = Scenario.MissedCall.WithEmail(e => e with { Enabled = false, FromName = fromName });

        scenario.Plan(FollowUpKind.MissedCallEmail).ShouldSendEmail().Draft.Values.FromName.Should().Be("Dana");
    }

    [Fact]
    public void Plan_MissedCallEmailWithNoEmailSettingsAtAll_UsesTheDefaultSenderName()
    {
        var scenario = Scenario.MissedCall with { Campaign = Scenario.MissedCall.Campaign with { Email = null! } };

        scenario.Plan(FollowUpKind.MissedCallEmail).ShouldSendEmail().Draft.Values.FromName.Should().Be("Dana");
    }

    [Fact]
    public void Plan_AppointmentConfirmation_FillsTheLocalTimeAndTheCleanedLocation()
    {
        var scenario = Answered.WithSms(_ => Campaigns.Sms(SmsTemplateKind.AppointmentConfirmation))
            .WithCall(c => c with { Appointment = Calls.Appointment with { Location = "  Acme Dental,\n200 Market St\u202E  " } });

        var sms = scenario.Plan(FollowUpKind.Sms).ShouldSendSms();

        sms.Template.Should().Be(SmsTemplateKind.AppointmentConfirmation);
        sms.Slots.AppointmentTime.Should().Be("Tue, Jul 15 at 3:30 PM (New York time)");
        sms.Slots.AppointmentLocation.Should().Be("Acme Dental, 200 Market St");
    }

    [Fact]
    public void Plan_AppointmentLocationTooLong_IsShortenedToTheLimit()
    {
        var location = string.Join(' ', Enumerable.Repeat("Building", 30));
        var scenario = Answered.WithSms(_ => Campaigns.Sms(SmsTemplateKind.AppointmentConfirmation))
            .WithCall(c => c with { Appointment = Calls.Appointment with { Location = location } });

        var slot = scenario.Plan(FollowUpKind.Sms).ShouldSendSms().Slots.AppointmentLocation;

        slot.Should().HaveLength(SlotLimits.Location - 1).And.EndWith("Building...");
    }

    [Fact]
    public void Plan_ConversationSummary_IsOneCleanLineWithinTheLimit()
    {
        var summary = "You asked about whitening.\r\n\r\n- Cleaning booked\u202E\n- Whitening priced at the visit\0 " + string.Join(' ', Enumerable.Repeat("more", 100));
        var scenario = Answered.WithSms(_ => Campaigns.Sms(SmsTemplateKind.ConversationSummary)).WithCall(c => c with { Summary = summary });

        var slot = scenario.Plan(FollowUpKind.Sms).ShouldSendSms().Slots.Summary;

        slot.Should().StartWith("You asked about whitening. - Cleaning booked - Whitening priced at the visit more more");
        slot.Should().EndWith("more...");
        slot!.Length.Should().BeLessThanOrEqualTo(SlotLimits.Summary);
    }

    [Fact]
    public void Plan_OfferPromo_FillsTheTrimmedOfferAndCode()
    {
        var scenario = Answered.WithSms(_ => Campaigns.Sms(SmsTemplateKind.OfferPromo) with { OfferSummary = "  20% off whitening ", PromoCode = "SMILE20" });

        var sms = scenario.Plan(FollowUpKind.Sms).ShouldSendSms();

        sms.Slots.OfferSummary.Should().Be("20% off whitening");
        sms.Slots.PromoCode.Should().Be("SMILE20");
    }

    [Theory]
    [InlineData(null, "there")]
    [InlineData("", "there")]
    [InlineData(" \t ", "there")]
    [InlineData("  Ann \n", "Ann")]
    [InlineData("Wolfeschlegelsteinhausenbergerdorff", "there")]
    public void Plan_FirstName_IsCleanedOrBecomesThere(string? firstName, string expected)
    {
        var sms = Answered.WithCall(c => c.WithContact(p => p with { FirstName = firstName })).Plan(FollowUpKind.Sms).ShouldSendSms();

        sms.Slots.FirstName.Should().Be(expected);
    }

    [Fact]
    public void Plan_BrandNameWithSpaces_IsTrimmed()
    {
        var scenario = Answered with { Defaults = Scenario.Account(o => o.BrandName = "  Acme Dental  ") };

        scenario.Plan(FollowUpKind.Sms).ShouldSendSms().Slots.BrandName.Should().Be("Acme Dental");
    }

    [Fact]
    public void Plan_SmsDecision_DoesNotDependOnTheEmailChannels()
    {
        var smsOnly = Answered with { Campaign = new CampaignFollowUpSettings { Sms = Campaigns.Sms() } };

        var plan = smsOnly.Plan();

        plan.Sms.ShouldSendSms().Should().Be(Answered.Plan(FollowUpKind.Sms));
        plan.Email.ShouldSkip(OutcomeReason.ChannelDisabled);
        plan.MissedCallEmail.ShouldSkip(OutcomeReason.ChannelDisabled);
    }
}
