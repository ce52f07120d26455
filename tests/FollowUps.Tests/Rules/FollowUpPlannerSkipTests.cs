using static FollowUps.FollowUpKind;
using static FollowUps.OutcomeReason;

namespace FollowUps.Tests.Rules;

/// <summary>
/// Every reason the planner skips a follow-up, one row per rule. Each row changes one thing in a scenario that
/// otherwise sends (see <see cref="FollowUpPlannerTests.Plan_Baseline_SendsWhatTheCallAllows"/>), so the change is the cause.
/// </summary>
public sealed class FollowUpPlannerSkipTests
{
    private static readonly Scenario Answered = new();
    private static readonly Scenario Missed = Scenario.MissedCall;

    private static readonly SkipCase[] Cases =
    [
        // The call record.
        new("SMS: call without an account id", Sms, InvalidCall, Answered.WithCall(c => c with { AccountId = " " })),
        new("email: call without a campaign id", Email, InvalidCall, Answered.WithCall(c => c with { CampaignId = "" })),
        new("missed-call email: call without a call id", MissedCallEmail, InvalidCall, Missed.WithCall(c => c with { CallId = null! })),

        // The channel is off.
        new("SMS: channel off", Sms, ChannelDisabled, Answered.WithSms(_ => SmsFollowUpSettings.Disabled)),
        new("SMS: settings missing", Sms, ChannelDisabled, Answered.WithSms(_ => null!)),
        new("email: channel off", Email, ChannelDisabled, Answered.WithEmail(e => e with { Enabled = false })),
        new("missed-call email: channel off", MissedCallEmail, ChannelDisabled, Missed.WithMissedCallEmail(m => m with { Enabled = false })),

        // The channel's settings are invalid.
        new("SMS: sender name on two lines", Sms, InvalidCampaignSettings, Answered.WithSms(s => s with { SenderName = "Dana\nCall 555-0100" })),
        new("SMS: http meeting link", Sms, InvalidCampaignSettings, Answered.WithSms(s => s with { MeetingLink = "http://cal.example.com/dana" })),
        new("SMS: offer without a promo code", Sms, InvalidCampaignSettings, Answered.WithSms(_ => Campaigns.Sms(SmsTemplateKind.OfferPromo) with { PromoCode = null })),
        new("SMS: unknown template", Sms, InvalidCampaignSettings, Answered.WithSms(s => s with { Template = (SmsTemplateKind)99 })),
        new("email: subject with a header break", Email, InvalidCampaignSettings, Answered.WithEmail(e => e with { Subject = "Hi\r\nBcc: x@y.com" })),
        new("email: from name on two lines", Email, InvalidCampaignSettings, Answered.WithEmail(e => e with { FromName = "Dana\nBcc: x@y.com" })),
        new("missed-call email: blank body", MissedCallEmail, InvalidCampaignSettings, Missed.WithMissedCallEmail(m => m with { Body = " \n " })),

        // The contact is on the do-not-contact list.
        new("SMS: suppressed", Sms, Suppressed, Answered with { Suppression = Scenario.DoNotContact() }),
        new("email: suppressed", Email, Suppressed, Answered with { Suppression = Scenario.DoNotContact(SuppressionTargetKind.Email) }),
        new("missed-call email: suppressed", MissedCallEmail, Suppressed, Missed with { Suppression = Scenario.DoNotContact(SuppressionTargetKind.Phone) }),

        // The call did not go the right way.
        new("SMS: call missed", Sms, CallNotAnswered, Answered.WithCall(c => c with { Status = CallStatus.Missed })),
        new("email: call went to voicemail", Email, CallNotAnswered, Answered.WithCall(c => c with { Status = CallStatus.Voicemail })),
        new("missed-call email: call answered", MissedCallEmail, CallNotMissed, Answered),
        new("missed-call email: call went to voicemail", MissedCallEmail, CallNotMissed, Missed.WithCall(c => c with { Status = CallStatus.Voicemail })),
        new("missed-call email: call failed", MissedCallEmail, CallNotMissed, Missed.WithCall(c => c with { Status = CallStatus.Failed })),
        new("SMS: answered call without a transcript", Sms, NoTranscript, Answered.WithCall(c => c with { Transcript = [] })),
        new("email: answered call with a null transcript", Email, NoTranscript, Answered.WithCall(c => c with { Transcript = null! })),
        new("email: campaign does not ask for email", Email, AskForEmailOff, Answered.WithEmail(e => e with { AskForEmail = false })),

        // Consent.
        new("SMS: consent not asked", Sms, ConsentNotAsked, Answered.WithCall(c => c.WithSmsConsent(ChannelConsent.NotAsked))),
        new("SMS: consent missing", Sms, ConsentNotAsked, Answered.WithCall(c => c.WithSmsConsent(null))),
        new("email: consent not asked", Email, ConsentNotAsked, Answered.WithCall(c => c.WithEmailConsent(ChannelConsent.NotAsked))),
        new("SMS: consent declined", Sms, ConsentDeclined, Answered.WithCall(c => c.WithSmsConsent(ChannelConsent.Declined))),
        new("email: consent declined", Email, ConsentDeclined, Answered.WithCall(c => c.WithEmailConsent(ChannelConsent.Declined))),
        new("SMS: granted without evidence", Sms, ConsentNotTraceable, Answered.WithCall(c => c.WithSmsConsent(new ChannelConsent { Status = ConsentStatus.Granted }))),
        new("SMS: evidence turn past the end", Sms, ConsentNotTraceable, Answered.WithCall(c => c.WithSmsConsent(ChannelConsent.Granted(8, "text me")))),
        new("SMS: evidence turn negative", Sms, ConsentNotTraceable, Answered.WithCall(c => c.WithSmsConsent(ChannelConsent.Granted(-1, "text me")))),
        new("SMS: evidence in the agent's turn", Sms, ConsentNotTraceable, Answered.WithCall(c => c.WithSmsConsent(ChannelConsent.Granted(2, "texted you a link")))),
        new("SMS: quote not in the turn", Sms, ConsentNotTraceable, Answered.WithCall(c => c.WithSmsConsent(ChannelConsent.Granted(3, "yes, text me anytime")))),
        new("email: quote from another turn", Email, ConsentNotTraceable, Answered.WithCall(c => c.WithEmailConsent(ChannelConsent.Granted(5, "you can text me")))),

        // Where it goes.
        new("SMS: no phone number", Sms, NoPhoneNumber, Answered.WithCall(c => c.WithContact(p => p with { Phone = null }))),
        new("SMS: blank phone number", Sms, NoPhoneNumber, Answered.WithCall(c => c.WithContact(p => p with { Phone = "   " }))),
        new("SMS: too few digits", Sms, InvalidPhoneNumber, Answered.WithCall(c => c.WithContact(p => p with { Phone = "12" }))),
        new("SMS: letters for a number", Sms, InvalidPhoneNumber, Answered.WithCall(c => c.WithContact(p => p with { Phone = "abc" }))),
        new("email: none captured, none on file", Email, NoEmailAddress, Answered.WithCall(c => c.WithContact(p => p with { Email = null }) with { CapturedEmail = " " })),
        new("email: captured malformed, none on file", Email, InvalidEmailAddress, Answered.WithCall(c => c.WithContact(p => p with { Email = null }) with { CapturedEmail = "ann.lee@work" })),
        new("email: none captured, on file malformed", Email, InvalidEmailAddress, Answered.WithCall(c => c.WithContact(p => p with { Email = "ann.lee@" }) with { CapturedEmail = null })),
        new("missed-call email: none on file", MissedCallEmail, NoEmailAddress, Missed.WithCall(c => c.WithContact(p => p with { Email = null }))),
        new("missed-call email: on file malformed", MissedCallEmail, InvalidEmailAddress, Missed.WithCall(c => c.WithContact(p => p with { Email = "Ann <ann.lee@example.com>" }))),

        // Something to say.
        new("SMS: Meeting Request with no link anywhere", Sms, NoMeetingLink, NoLinkAnywhere(SmsTemplateKind.MeetingRequest)),
        new("SMS: Next Step with no link anywhere", Sms, NoMeetingLink, NoLinkAnywhere(SmsTemplateKind.NextStep)),
        new("SMS: no appointment booked", Sms, NoAppointment, WithTemplate(SmsTemplateKind.AppointmentConfirmation).WithCall(c => c with { Appointment = null })),
        new("SMS: appointment in an unknown time zone", Sms, NoAppointment, WithAppointment(a => a with { TimeZone = "Mars/Olympus_Mons" })),
        new("SMS: appointment with a blank time zone", Sms, NoAppointment, WithAppointment(a => a with { TimeZone = " " })),
        new("SMS: appointment with a blank location", Sms, NoAppointment, WithAppointment(a => a with { Location = " \n\t " })),
        new("SMS: appointment that started before the call ended", Sms, NoAppointment, WithAppointment(a => a with { StartsAt = Calls.StartedAt.AddMinutes(1) })),
        new("SMS: appointment at the default date (left out of the JSON)", Sms, NoAppointment, WithAppointment(a => a with { StartsAt = default })),
        new("SMS: appointment in a leap-second zone file", Sms, NoAppointment, WithAppointment(a => a with { TimeZone = "right/America/New_York" })),
        new("SMS: appointment in a zone-folder file that is no zone", Sms, NoAppointment, WithAppointment(a => a with { TimeZone = "posixrules" })),
        new("SMS: no summary", Sms, NoSummary, WithTemplate(SmsTemplateKind.ConversationSummary).WithCall(c => c with { Summary = null })),
        new("SMS: summary of only spaces and control characters", Sms, NoSummary, WithTemplate(SmsTemplateKind.ConversationSummary).WithCall(c => c with { Summary = " \r\n\0\u202E\u200B " })),
    ];

    public static TheoryData<string, FollowUpKind, OutcomeReason> EveryCase
    {
        get
        {
            var data = new TheoryData<string, FollowUpKind, OutcomeReason>();
            foreach (var c in Cases)
            {
                data.Add(c.Name, c.Kind, c.Reason);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Plan_RuleNotMet_SkipsWithItsReason(string scenario, FollowUpKind kind, OutcomeReason reason)
    {
        var decision = Cases.Single(c => c.Name == scenario).Scenario.Plan(kind);

        decision.ShouldSkip(reason);
    }

    [Fact]
    public void Cases_CoverEverySkipReasonThePlannerHas()
    {
        // The planner's reasons run from InvalidCall to NoSummary; AlreadySent onwards belong to the engine.
        var plannerReasons = Enum.GetValues<OutcomeReason>().Where(r => r is >= InvalidCall and <= NoSummary);

        Cases.Select(c => c.Reason).Distinct().Should().BeEquivalentTo(plannerReasons);
    }

    [Theory]
    [InlineData(CallStatus.Missed)]
    [InlineData(CallStatus.Busy)]
    [InlineData(CallStatus.NoAnswer)]
    [InlineData(CallStatus.Voicemail)]
    [InlineData(CallStatus.Failed)]
    public void Plan_CallNotAnswered_SkipsSmsAndEmailWithCallNotAnswered(CallStatus status)
    {
        // Consent and transcript stay as if answered, to show the status alone decides.
        var plan = Answered.WithCall(c => c with { Status = status }).Plan();

        plan.Sms.ShouldSkip(CallNotAnswered).Detail.Should().Contain(status.ToString());
        plan.Email.ShouldSkip(CallNotAnswered).Detail.Should().Contain(status.ToString());
    }

    [Theory]
    [InlineData(CallStatus.Answered)]
    [InlineData(CallStatus.Voicemail)]
    [InlineData(CallStatus.Failed)]
    public void Plan_CallNotMissed_SkipsMissedCallEmailWithCallNotMissed(CallStatus status)
    {
        var plan = Missed.WithCall(c => c with { Status = status }).Plan();

        plan.MissedCallEmail.ShouldSkip(CallNotMissed).Detail.Should().Contain(status.ToString());
    }

    [Theory]
    [MemberData(nameof(IncompleteCalls))]
    public void Plan_IncompleteCallRecord_SkipsEveryKindWithInvalidCallNamingTheField(string field, CallCompleted call)
    {
        var plan = new Scenario { Call = call }.Plan();

        plan.All.Should().HaveCount(3).And.AllSatisfy(d => d.ShouldSkip(InvalidCall).Detail.Should().Contain(field));
    }

    public static TheoryData<string, CallCompleted> IncompleteCalls => new()
    {
        { "AccountId", Calls.Answered with { AccountId = "" } },
        { "CampaignId", Calls.Answered with { CampaignId = "\t" } },
        { "CallId", Calls.Answered with { CallId = null! } },
        { "Contact.Id", Calls.Answered with { Contact = null! } },
        { "Contact.Id", Calls.Answered.WithContact(c => c with { Id = " " }) },
        { "Status 42", Calls.Answered with { Status = (CallStatus)42 } },
    };

    [Theory]
    [InlineData(SmsTemplateKind.MeetingRequest)]
    [InlineData(SmsTemplateKind.NextStep)]
    public void Plan_NoMeetingLinkAnywhere_DetailNamesTheTemplate(SmsTemplateKind template)
    {
        var skip = NoLinkAnywhere(template).Plan(Sms).ShouldSkip(NoMeetingLink);

        skip.Detail.Should().Contain(SmsTemplates.Get(template).Name);
    }

    [Fact]
    public void Plan_InvalidCampaignSettings_DetailNamesTheField()
    {
        var skip = Answered.WithSms(s => s with { PromoCode = "SMILE 20", Template = SmsTemplateKind.OfferPromo, OfferSummary = "20% off" })
            .Plan(Sms)
            .ShouldSkip(InvalidCampaignSettings);

        skip.Detail.Should().Contain("Sms.PromoCode");
    }

    private static Scenario WithTemplate(SmsTemplateKind template) => Answered.WithSms(_ => Campaigns.Sms(template));

    private static Scenario WithAppointment(Func<Appointment, Appointment> change) =>
        WithTemplate(SmsTemplateKind.AppointmentConfirmation).WithCall(c => c with { Appointment = change(c.Appointment!) });

    private static Scenario NoLinkAnywhere(SmsTemplateKind template) =>
        WithTemplate(template) with { Defaults = Scenario.Account(o => o.DefaultMeetingLink = null) };

    private sealed record SkipCase(string Name, FollowUpKind Kind, OutcomeReason Reason, Scenario Scenario);
}
