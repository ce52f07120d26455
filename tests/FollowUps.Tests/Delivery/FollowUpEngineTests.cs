using FollowUps.Delivery;
using FollowUps.Templates;
using FollowUps.Tests.Templates;
using Microsoft.Extensions.Options;

namespace FollowUps.Tests.Delivery;

public sealed class FollowUpEngineTests
{
    [Fact]
    public async Task HandleCallCompleted_AnsweredWithConsent_SendsSmsAndEmailAndRecordsBoth()
    {
        var harness = new EngineHarness();

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new
        {
            Status = OutcomeStatus.Sent,
            Reason = OutcomeReason.None,
            Recipient = "+14155552671",
            Template = SmsTemplateKind.MeetingRequest,
            ProviderMessageId = "sms-0001",
        });
        report.Sms.Text.Should().Be(TemplateWording.Filled(SmsTemplateKind.MeetingRequest, new SmsSlotValues
        {
            FirstName = "Ann",
            SenderName = "Dana",
            BrandName = "Acme Dental",
            MeetingLink = "https://cal.example.com/acme",
        })).And.EndWith(SmsTemplates.OptOutLine);
        report.Email.Should().BeEquivalentTo(new { Status = OutcomeStatus.Sent, Recipient = "ann.lee@example.com", Subject = "Great talking today" });
        report.MissedCallEmail.Reason.Should().Be(OutcomeReason.CallNotMissed);

        harness.Sms.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            To = "+14155552671",
            Body = report.Sms.Text,
            Key = new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms),
        });
        var record = await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = report.Sms, ClaimedAt = harness.Time.GetUtcNow() });
    }

    /// <summary>
    /// The follow-ups of one call keep one read-only list of the contact's targets between them (the in-memory store keeps
    /// every record for ever), and a list a caller gives a record is still copied: the record never sees it change.
    /// </summary>
    [Fact]
    public async Task HandleCallCompleted_TheCallsFollowUps_ShareOneListOfTargets_AndARecordCopiesACallersList()
    {
        var harness = new EngineHarness();

        await harness.HandleAsync(Sample.Answered());

        var sms = await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default);
        var email = await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Email), default);
        sms!.Targets.Should().BeSameAs(email!.Targets).And.Contain(new SuppressionTarget(SuppressionTargetKind.Phone, "+14155552671"));
        (sms with { Attempts = 9 }).Targets.Should().BeSameAs(sms.Targets);

        List<SuppressionTarget> mine = [new(SuppressionTargetKind.ContactId, "contact-1")];
        var copied = sms with { Targets = mine };
        mine.Add(new(SuppressionTargetKind.Phone, "+14155550000"));
        copied.Targets.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleCallCompleted_SmsSent_ReportsItsEncodingAndSegments()
    {
        var harness = new EngineHarness();

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.SmsMeasure.Should().BeEquivalentTo(new { Encoding = SmsEncoding.Gsm7, Segments = 1, Length = report.Sms.Text!.Length });
        report.Email.SmsMeasure.Should().BeNull();
    }

    [Fact]
    public async Task HandleCallCompleted_CurlyQuotesInTheSummary_SendsGsm7()
    {
        var harness = new EngineHarness();
        var campaign = Sample.AllChannels with { Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.ConversationSummary } };
        var call = Sample.Answered() with { Summary = "You’re booked — we’ll call on Tuesday…" };

        var report = await harness.HandleAsync(call, campaign);

        report.Sms.Text.Should().Contain("You're booked - we'll call on Tuesday...");
        report.Sms.SmsMeasure!.Encoding.Should().Be(SmsEncoding.Gsm7);
        harness.Sms.Messages.Should().ContainSingle().Which.Body.Should().Be(report.Sms.Text);
    }

    [Fact]
    public async Task HandleCallCompleted_TextCannotFitTheSegmentBudget_SkipsWithoutClaiming()
    {
        var harness = new EngineHarness(maxSmsSegments: 1);
        var campaign = Sample.AllChannels with
        {
            Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.NextStep, SenderName = "Łucja Wiśniewska-Kołodziejczyk" },
        };

        var report = await harness.HandleAsync(Sample.Answered(), campaign);

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.OverSegmentBudget });
        report.Sms.SmsMeasure!.Segments.Should().BeGreaterThan(1);
        report.Sms.Detail.Should().Contain("UCS-2").And.Contain("budget of 1");
        harness.Sms.Messages.Should().BeEmpty();
        (await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default)).Should().BeNull();
        harness.Engine.ValidateCampaign(campaign).Errors.Should().ContainSingle().Which.Field.Should().Be("Sms.Template");
    }

    [Fact]
    public async Task HandleCallCompleted_EmailWithMeetingLink_EndsBothPartsWithTheLink()
    {
        var harness = new EngineHarness(configure: o => o.DefaultMeetingLink = "https://cal.example.com/sms-only");
        var campaign = Sample.AllChannels with { Email = Sample.AllChannels.Email with { MeetingLink = "https://cal.example.com/acme" } };

        var report = await harness.HandleAsync(Sample.Answered(), campaign);

        var email = harness.Email.Messages.Should().ContainSingle().Subject;
        email.FromName.Should().Be("Dana at Acme Dental");
        email.TextBody.Should().Be("Thanks for your time on the phone.\nHere is what we discussed.\n\nBook a time: https://cal.example.com/acme\n");
        email.HtmlBody.Should().Contain("<p>Book a time: <a href=\"https://cal.example.com/acme\">https://cal.example.com/acme</a></p>");
        report.Email.Text.Should().Be(email.TextBody);
    }

    [Fact]
    public async Task HandleCallCompleted_MissedCall_SendsOnlyTheMissedCallEmail()
    {
        var harness = new EngineHarness();

        var report = await harness.HandleAsync(Sample.Missed());

        report.Sms.Reason.Should().Be(OutcomeReason.CallNotAnswered);
        report.Email.Reason.Should().Be(OutcomeReason.CallNotAnswered);
        report.MissedCallEmail.Should().BeEquivalentTo(new { Status = OutcomeStatus.Sent, Recipient = "ann.lee@example.com", Subject = "Sorry we missed you" });
        harness.Sms.Messages.Should().BeEmpty();
        harness.Email.Messages.Should().ContainSingle().Which.Key.Kind.Should().Be(FollowUpKind.MissedCallEmail);
    }

    [Fact]
    public async Task HandleCallCompleted_SecondAttemptForSameContact_SkipsWithAlreadySent()
    {
        var harness = new EngineHarness();
        await harness.HandleAsync(Sample.Answered(callId: "call-1"));

        var second = await harness.HandleAsync(Sample.Answered(callId: "call-2"));

        second.Sms.Reason.Should().Be(OutcomeReason.AlreadySent);
        second.Email.Reason.Should().Be(OutcomeReason.AlreadySent);
        harness.Sms.Messages.Should().ContainSingle();
        harness.Email.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleCallCompleted_MissedThenAnswered_SendsEachKindOnce()
    {
        var harness = new EngineHarness();

        var missed = await harness.HandleAsync(Sample.Missed(callId: "call-1"));
        var answered = await harness.HandleAsync(Sample.Answered(callId: "call-2"));
        var missedAgain = await harness.HandleAsync(Sample.Missed(callId: "call-3"));

        missed.MissedCallEmail.IsSent.Should().BeTrue();
        answered.Sms.IsSent.Should().BeTrue();
        answered.Email.IsSent.Should().BeTrue();
        missedAgain.MissedCallEmail.Reason.Should().Be(OutcomeReason.AlreadySent);
        harness.Email.Messages.Should().HaveCount(2);
    }

    [Fact]
    public async Task HandleCallCompleted_HundredConcurrentCallsForOneContact_SendsExactlyOneSms()
    {
        var harness = new EngineHarness();
        var calls = Enumerable.Range(0, 100).Select(i => Sample.Answered(callId: $"call-{i}")).ToList();

        var reports = await Task.WhenAll(calls.Select(call => Task.Run(() => harness.HandleAsync(call))));

        harness.Sms.Messages.Should().ContainSingle();
        reports.Count(r => r.Sms.IsSent).Should().Be(1);
        // A call that loses the claim reports what it found: sent already, or still being sent by the winner.
        reports.Where(r => !r.Sms.IsSent).Should().OnlyContain(r => r.Sms.Reason == OutcomeReason.AlreadySent || r.Sms.Reason == OutcomeReason.InProgress).And.HaveCount(99);
        harness.Email.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleCallCompleted_ConcurrentCallsForDifferentContacts_SendsToEach()
    {
        var harness = new EngineHarness();

        var reports = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => harness.HandleAsync(Sample.Answered(contactId: $"contact-{i}", callId: $"call-{i}")))));

        reports.Should().OnlyContain(r => r.Sms.IsSent && r.Email.IsSent);
        harness.Sms.Messages.Select(m => m.Key.ContactId).Should().OnlyHaveUniqueItems().And.HaveCount(50);
    }

    [Fact]
    public async Task HandleCallCompleted_ProviderRefusesForGood_ReportsAndRecordsTheFailure()
    {
        var harness = new EngineHarness(sms: _ => SendResult.PermanentFailure("provider said no"));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.PermanentFailure, Detail = "provider said no", ProviderMessageId = (string?)null });
        var record = await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default);
        record!.State.Should().Be(FollowUpState.Failed);
        record.Outcome.Should().Be(report.Sms);
        report.Email.IsSent.Should().BeTrue("a failing SMS provider does not stop the email");
    }

    [Fact]
    public async Task HandleCallCompleted_ProviderFailsTransiently_QueuesARetryInTheOutbox()
    {
        var harness = new EngineHarness(sms: _ => SendResult.TransientFailure("503 Service Unavailable"));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Queued, Reason = OutcomeReason.TransientFailure });
        report.Sms.Detail.Should().StartWith("503 Service Unavailable It is tried again at ");
        var record = await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Waiting, WaitReason = WaitReason.Retry, Attempts = 1, LeaseOwner = (string?)null });
        record!.DueAt.Should().BeAfter(harness.Time.GetUtcNow()).And.BeOnOrBefore(harness.Time.GetUtcNow() + harness.Delivery.RetryMaxDelay);
        record.Sms!.Body.Should().Be(report.Sms.Text, "the retry sends the message rendered now");
    }

    [Fact]
    public async Task HandleCallCompleted_SenderThrows_ReportsSenderErrorWithoutThrowing()
    {
        var harness = new EngineHarness(sms: _ => throw new HttpRequestException("connection refused"));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.SenderError });
        report.Sms.Detail.Should().Contain("HttpRequestException").And.Contain("connection refused").And.Contain("may have left");
        (await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default))!
            .State.Should().Be(FollowUpState.Unknown, "a sender that throws may have sent the request: it is never resent blindly");
    }

    [Fact]
    public async Task HandleCallCompleted_SenderReturnsNull_ReportsSenderError()
    {
        var harness = new EngineHarness(email: _ => null!);

        var report = await harness.HandleAsync(Sample.Answered());

        report.Email.Should().BeEquivalentTo(new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.SenderError });
    }

    [Fact]
    public async Task HandleCallCompleted_RecipientOptedOutWithProvider_SuppressesThePhoneForEveryLaterFollowUp()
    {
        var harness = new EngineHarness(sms: _ => SendResult.RecipientOptedOut("21610 unsubscribed recipient"));

        var report = await harness.HandleAsync(Sample.Answered());
        var nextCampaign = await harness.HandleAsync(Sample.Missed() with { CampaignId = "campaign-2" });

        report.Sms.Reason.Should().Be(OutcomeReason.RecipientOptedOut);
        var entry = await harness.Suppressions.FindAsync("account-1", SuppressionTargetKind.Phone, "415-555-2671");
        entry.Should().BeEquivalentTo(new { Reason = SuppressionReason.ProviderOptOut, CreatedAt = harness.Time.GetUtcNow() });
        nextCampaign.MissedCallEmail.Reason.Should().Be(OutcomeReason.Suppressed);
    }

    [Fact]
    public async Task HandleCallCompleted_ContactOnDoNotContactListByRawPhone_SkipsEveryFollowUp()
    {
        var harness = new EngineHarness();
        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Phone, "+1 415 555 2671");

        var answered = await harness.HandleAsync(Sample.Answered());
        var missed = await harness.HandleAsync(Sample.Missed());

        answered.Sms.Reason.Should().Be(OutcomeReason.Suppressed);
        answered.Email.Reason.Should().Be(OutcomeReason.Suppressed);
        missed.MissedCallEmail.Reason.Should().Be(OutcomeReason.Suppressed);
        harness.Sms.Messages.Should().BeEmpty();
        harness.Email.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleCallCompleted_SuppressionRemoved_SendsAgain()
    {
        var harness = new EngineHarness();
        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.Email, " ANN.LEE@example.com ");
        (await harness.HandleAsync(Sample.Answered())).Sms.Reason.Should().Be(OutcomeReason.Suppressed);

        (await harness.Suppressions.RemoveAsync("account-1", SuppressionTargetKind.Email, "ann.lee@EXAMPLE.com")).Should().BeTrue();
        var report = await harness.HandleAsync(Sample.Answered(callId: "call-9"));

        report.Sms.IsSent.Should().BeTrue();
    }

    [Fact]
    public async Task HandleCallCompleted_NoSendersRegistered_SkipsWithNoSenderConfigured()
    {
        var harness = new EngineHarness(withSenders: false);

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.NoSenderConfigured });
        report.Email.Reason.Should().Be(OutcomeReason.NoSenderConfigured);
        (await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default))
            .Should().BeNull("nothing was claimed, so a sender added later can still send");
    }

    [Fact]
    public async Task HandleCallCompleted_StoreCannotReadSuppressions_FailsWhatWouldBeSentAndSendsNothing()
    {
        var harness = new EngineHarness(store: new BrokenStore(failOn: nameof(ISuppressionStore.FindSuppressionAsync)));

        var report = await harness.HandleAsync(Sample.Answered());

        new[] { report.Sms, report.Email }.Should().OnlyContain(o => o.Status == OutcomeStatus.Failed && o.Reason == OutcomeReason.StoreUnavailable);
        report.MissedCallEmail.Reason.Should().Be(OutcomeReason.CallNotMissed, "what the rules skip anyway stays a skip");
        harness.Sms.Messages.Should().BeEmpty();
        harness.Email.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleCallCompleted_StoreTimesOutWithItsOwnCancellation_ReportsInsteadOfThrowing()
    {
        var timeout = new TaskCanceledException("The command timed out.");
        var harness = new EngineHarness(store: new BrokenStore(nameof(ISuppressionStore.FindSuppressionAsync), timeout));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.StoreUnavailable });
        report.Sms.Detail.Should().Contain("timed out");
    }

    [Fact]
    public async Task HandleCallCompleted_StoreCannotClaim_FailsWithoutSending()
    {
        var harness = new EngineHarness(store: new BrokenStore(failOn: nameof(IFollowUpStore.ClaimAsync)));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Failed, Reason = OutcomeReason.StoreUnavailable });
        harness.Sms.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleCallCompleted_StoreCannotRecordOutcome_StillReportsTheSendAndLogsTheError()
    {
        var harness = new EngineHarness(store: new BrokenStore(failOn: nameof(IFollowUpStore.TryUpdateAsync)));

        var report = await harness.HandleAsync(Sample.Answered());

        report.Sms.IsSent.Should().BeTrue();
        harness.Logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 103 && r.Exception is InvalidDataException);
    }

    [Fact]
    public async Task HandleCallCompleted_TokenCancelledBeforehand_ThrowsAndSendsNothing()
    {
        var harness = new EngineHarness();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var handling = () => harness.HandleAsync(Sample.Answered(), cancellationToken: cancelled.Token);

        await handling.Should().ThrowAsync<OperationCanceledException>();
        harness.Sms.Messages.Should().BeEmpty();
    }

    /// <summary>Once a send has started, the host's token no longer reaches it: it finishes and is recorded.</summary>
    [Fact]
    public async Task HandleCallCompleted_HostCancelsWhileTheSmsIsSent_ItFinishesAndIsRecorded()
    {
        using var cancellation = new CancellationTokenSource();
        var harness = new EngineHarness(sms: message =>
        {
            cancellation.Cancel();
            return SendResult.Sent("SM-finished");
        });

        var report = await harness.HandleAsync(Sample.Answered(), cancellationToken: cancellation.Token);

        report.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Sent, ProviderMessageId = "SM-finished" });
        (await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), default))!.State.Should().Be(FollowUpState.Sent);
        report.Email.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.Cancelled }, "the email was not claimed yet");
        var later = await harness.HandleAsync(Sample.Answered(callId: "call-2"));
        later.Email.IsSent.Should().BeTrue("a later call sends what the cancelled one never claimed");
        later.Sms.Reason.Should().Be(OutcomeReason.AlreadySent);
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleCallCompleted_EarlierAttemptWaitsForARetry_ReportsRetryPendingWithTheEarlierReason()
    {
        var harness = new EngineHarness(sms: _ => SendResult.TransientFailure("429 Too Many Requests"));
        await harness.HandleAsync(Sample.Answered(callId: "call-1"));

        var second = await harness.HandleAsync(Sample.Answered(callId: "call-2"));

        second.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.RetryPending });
        second.Sms.Detail.Should().Contain("TransientFailure").And.Contain("429").And.Contain("tried again at");
        second.Email.Reason.Should().Be(OutcomeReason.AlreadySent);
        harness.Sms.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleCallCompleted_ProviderNeverAnswered_RecordsUnknownAndNeverResends()
    {
        var harness = new EngineHarness(sms: _ => SendResult.Unknown("No answer from Twilio within 30 seconds."));

        var first = await harness.HandleAsync(Sample.Answered(callId: "call-1"));
        var second = await harness.HandleAsync(Sample.Answered(callId: "call-2"));

        first.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer, Detail = "No answer from Twilio within 30 seconds." });
        first.Sms.IsSent.Should().BeFalse();
        var record = await harness.Store.FindAsync(new FollowUpKey("account-1", "campaign-1", "contact-1", FollowUpKind.Sms), CancellationToken.None);
        record!.State.Should().Be(FollowUpState.Unknown);
        second.Sms.Should().BeEquivalentTo(new { Status = OutcomeStatus.Skipped, Reason = OutcomeReason.SendUnknown });
        second.Sms.Detail.Should().Contain("No answer from Twilio");
        harness.Sms.Messages.Should().ContainSingle("a send that may have gone out is not repeated");
    }

    [Fact]
    public async Task HandleCallCompleted_ContactIdOnTheList_MatchesExactlyAsGiven()
    {
        var harness = new EngineHarness();
        await harness.Suppressions.AddAsync("account-1", SuppressionTargetKind.ContactId, " c-9 ");

        var padded = await harness.HandleAsync(Sample.Answered(contactId: " c-9 "));
        var other = await harness.HandleAsync(Sample.Answered(contactId: "c-9"));

        padded.Sms.Reason.Should().Be(OutcomeReason.Suppressed);
        other.Sms.IsSent.Should().BeTrue("contact ids are opaque and compared exactly");
    }

    [Fact]
    public void CallCompleted_TranscriptListChangedAfterwards_KeepsWhatWasHandedIn()
    {
        var turns = new List<TranscriptTurn> { new() { Speaker = Speaker.Contact, Text = "Yes, text me." } };
        var call = Sample.Answered() with { Transcript = turns };

        turns[0] = new() { Speaker = Speaker.Agent, Text = "changed" };
        turns.Add(new() { Speaker = Speaker.Agent, Text = "added" });

        call.Transcript.Should().ContainSingle().Which.Text.Should().Be("Yes, text me.");
    }

    [Fact]
    public async Task HandleCallCompleted_ContactMissingFromDeserializedCall_SkipsEveryKindWithInvalidCall()
    {
        var harness = new EngineHarness();
        var call = Sample.Answered() with { Contact = null! };

        var report = await harness.HandleAsync(call);

        report.Outcomes.Should().OnlyContain(o => o.Reason == OutcomeReason.InvalidCall && o.Detail!.Contains("Contact.Id"));
        report.ContactId.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleCallCompleted_NullArguments_ThrowArgumentNull()
    {
        var harness = new EngineHarness();

        await harness.Engine.Invoking(e => e.HandleCallCompletedAsync(null!, Sample.AllChannels)).Should().ThrowAsync<ArgumentNullException>();
        await harness.Engine.Invoking(e => e.HandleCallCompletedAsync(Sample.Answered(), null!)).Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task HandleCallCompleted_Logs_MaskPhonesAndEmails()
    {
        var harness = new EngineHarness();

        await harness.HandleAsync(Sample.Answered());

        var messages = harness.Logger.Collector.GetSnapshot().Select(r => r.Message).ToList();
        messages.Should().Contain(m => m.Contains("+1******2671"));
        messages.Should().Contain(m => m.Contains("a***@example.com"));
        messages.Should().NotContain(m => m.Contains("4155552671") || m.Contains("ann.lee"));
    }

    [Fact]
    public void ValidateCampaign_MeetingTemplateWithoutAnyLink_NamesTheField()
    {
        var store = new InMemoryFollowUpStore();
        var engine = new FollowUpEngine(
            store,
            store,
            Options.Create(new FollowUpOptions { BrandName = "Acme", DefaultSenderName = "Dana" }),
            Options.Create(new FollowUpDeliveryOptions()),
            TimeProvider.System);

        var result = engine.ValidateCampaign(new CampaignFollowUpSettings { Sms = new() { Enabled = true, Template = SmsTemplateKind.NextStep } });

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Field.Should().Be("Sms.MeetingLink");
    }
}
