namespace FollowUps.Tests.Delivery;

/// <summary>
/// What the two emails carry through the engine: the from name (the campaign's, else the account's sender name), the
/// meeting link (the email's own, optional; the account's default is the SMS templates'), and values a channel that is
/// off leaves behind, which stop nothing.
/// </summary>
public sealed class EmailCopyEngineTests
{
    /// <summary>Issue 9, item 9: no email link means no link, although the account has a default for SMS.</summary>
    [Fact]
    public async Task HandleCallCompleted_EmailWithoutItsOwnLink_HasNoBookingLine()
    {
        var harness = new EngineHarness(configure: o => o.DefaultMeetingLink = "https://cal.example.com/sms-only");

        await harness.HandleAsync(Sample.Answered());

        var email = harness.Email.Messages.Should().ContainSingle().Subject;
        email.TextBody.Should().Be("Thanks for your time on the phone.\nHere is what we discussed.\n");
        email.HtmlBody.Should().NotContain("cal.example.com");
        harness.Sms.Messages.Should().ContainSingle().Which.Body.Should().Contain("https://cal.example.com/sms-only", "the SMS template still falls back to the account's link");
    }

    /// <summary>Issue 9, item 9: the missed-call email shows only what its body says.</summary>
    [Fact]
    public async Task HandleCallCompleted_MissedCallEmail_GetsNoBookingLineButShowsTheLinkWhereItsBodySays()
    {
        var withLink = Sample.AllChannels with { Email = Sample.AllChannels.Email with { MeetingLink = "https://cal.example.com/acme" } };
        var showing = withLink with { MissedCallEmail = withLink.MissedCallEmail with { Body = "Sorry we missed you. [Pick a time]({{ meeting_link }})" } };

        var plain = new EngineHarness();
        await plain.HandleAsync(Sample.Missed(), withLink);
        var linked = new EngineHarness();
        await linked.HandleAsync(Sample.Missed(), showing);

        plain.Email.Messages.Should().ContainSingle().Which.TextBody.Should().Be("We tried to reach you today. Reply with a better time.\n");
        linked.Email.Messages.Should().ContainSingle().Which.TextBody.Should().Be("Sorry we missed you. Pick a time (https://cal.example.com/acme)\n");
    }

    /// <summary>
    /// Found by review: a body that puts {{ meeting_link }} in a link's address, with no link set, passes validation with a
    /// warning, so it must send: the label stays as text, and no link to nowhere goes out.
    /// </summary>
    [Fact]
    public async Task HandleCallCompleted_LinkToTheMeetingLinkWithNoLinkSet_SendsTheLabelAsText()
    {
        const string body = "Thanks. [Book a time]({{ meeting_link }}) or reply.";
        var campaign = Sample.AllChannels with
        {
            Email = Sample.AllChannels.Email with { Body = body, MeetingLink = null },
            MissedCallEmail = Sample.AllChannels.MissedCallEmail with { Body = body },
        };
        var harness = new EngineHarness();

        var validation = harness.Engine.ValidateCampaign(campaign);
        var answered = await harness.HandleAsync(Sample.Answered(), campaign);
        var missed = await harness.HandleAsync(Sample.Missed(contactId: "contact-2"), campaign);

        validation.IsValid.Should().BeTrue(validation.ToString());
        validation.Warnings.Select(w => w.Field).Should().BeEquivalentTo(["Email.Body", "MissedCallEmail.Body"]);
        answered.Email.Status.Should().Be(OutcomeStatus.Sent, answered.Email.Detail);
        missed.MissedCallEmail.Status.Should().Be(OutcomeStatus.Sent, missed.MissedCallEmail.Detail);
        harness.Email.Messages.Should().HaveCount(2).And.OnlyContain(m => m.TextBody == "Thanks. Book a time or reply.\n" && !m.HtmlBody!.Contains("href", StringComparison.Ordinal));
    }

    /// <summary>Issue 9, item 10: a blank from name is the account's sender name, for both emails.</summary>
    [Fact]
    public async Task HandleCallCompleted_NoFromName_BothEmailsGoUnderTheDefaultSenderName()
    {
        var campaign = Sample.AllChannels with { Email = Sample.AllChannels.Email with { FromName = null } };
        var harness = new EngineHarness();

        var answered = await harness.HandleAsync(Sample.Answered(), campaign);
        var missed = await harness.HandleAsync(Sample.Missed(contactId: "contact-2"), campaign);

        answered.Email.Status.Should().Be(OutcomeStatus.Sent, answered.Email.Detail);
        missed.MissedCallEmail.Status.Should().Be(OutcomeStatus.Sent, missed.MissedCallEmail.Detail);
        harness.Email.Messages.Should().HaveCount(2).And.OnlyContain(m => m.FromName == EngineHarness.Defaults.DefaultSenderName);
    }

    /// <summary>Issue 9, item 8: an invalid SMS sender name left in a campaign with SMS off stops no email that does not show it.</summary>
    [Fact]
    public async Task HandleCallCompleted_SmsOffWithAnOldInvalidSenderName_SendsBothEmails()
    {
        var campaign = Sample.AllChannels with { Sms = Sample.AllChannels.Sms with { Enabled = false, SenderName = "Dr.\nLee" } };
        var harness = new EngineHarness();

        var answered = await harness.HandleAsync(Sample.Answered(), campaign);
        var missed = await harness.HandleAsync(Sample.Missed(contactId: "contact-2"), campaign);

        answered.Email.Status.Should().Be(OutcomeStatus.Sent, answered.Email.Detail);
        missed.MissedCallEmail.Status.Should().Be(OutcomeStatus.Sent, missed.MissedCallEmail.Detail);
    }

    [Fact]
    public async Task HandleCallCompleted_EmailShowingAnInvalidSenderName_IsSkippedNamingTheFieldAndTheEmail()
    {
        var campaign = Sample.AllChannels with
        {
            Sms = Sample.AllChannels.Sms with { Enabled = false, SenderName = "Dr.\nLee" },
            Email = Sample.AllChannels.Email with { Subject = "A note from {{ sender_name }}" },
        };
        var harness = new EngineHarness();

        var report = await harness.HandleAsync(Sample.Answered(), campaign);

        report.Email.Reason.Should().Be(OutcomeReason.InvalidCampaignSettings);
        report.Email.Detail.Should().Contain("Sms.SenderName: ").And.Contain("(it fills {{ sender_name }} in the email)");
    }
}
