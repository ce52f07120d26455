using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>
/// What a message's body proves: from the configured number with no Messaging Service, Twilio keeps the body as sent, so
/// another text (the host's own, another campaign's) is not this attempt's; through the Messaging Service any body counts.
/// </summary>
public sealed partial class TwilioReconcileTests
{
    private static readonly CampaignFollowUpSettings OtherCampaign = new()
    {
        Sms = new SmsFollowUpSettings { Enabled = true, Template = SmsTemplateKind.NextStep },
    };

    /// <summary>
    /// The host's own text from the same number (a reminder, not a follow-up) to the contact within the window, while the
    /// follow-up's request never reached Twilio: it is not taken as the follow-up's, and it may be ours rewritten, so it is
    /// never taken as absence either: the follow-up stays unknown for an operator, with no second request.
    /// </summary>
    [Fact]
    public async Task Reconcile_HostsOwnTextFromTheSameNumberWithAnotherBody_IsNotTakenAsTheFollowUpAndSendsNoSecond()
    {
        const string Reminder = "SMdddddddddddddddddddddddddddddddd";
        await using var host = Host();
        _api.NeverAnswerNext();

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _api.Seed(new FakeMessage(Reminder, Contact, TwilioTestHost.FromNumber, "Reminder: your cleaning is tomorrow at 9.", _time.GetUtcNow().AddSeconds(30)));
        _time.Advance(TimeSpan.FromMinutes(21));
        await host.Dispatcher.RunOnceAsync();
        await host.Dispatcher.RunOnceAsync();

        var record = await RecordAsync(host);
        record.Should().BeEquivalentTo(new { State = FollowUpState.Unknown, Attempts = 1, Outcome = new { ProviderMessageId = (string?)null } }, "that message is the host's reminder; the follow-up never left");
        record.Outcome!.Detail.Should().Contain(Reminder).And.Contain("operator");
        _api.Received.Should().ContainSingle("a message from our number that may be ours rewritten never leads to a second one");
    }

    [Fact]
    public async Task Reconcile_BlankBodyFromTheConfiguredNumber_IsFoundAsRedacted()
    {
        await using var host = Host();
        _api.CreateButNeverAnswerNext(m => m with { Body = "" });

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();

        (await RecordAsync(host)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = _api.Messages.Single().Sid } });
        _api.Received.Should().ContainSingle();
    }

    /// <summary>
    /// A blank (redacted) message from the number on page 1, and the attempt's own message, with its text, on page 2: the
    /// blank one is found only when no message with the stored text is on any page read.
    /// </summary>
    [Fact]
    public async Task Reconcile_BlankBodyOnAnEarlierPageThanTheStoredText_FindsTheStoredText()
    {
        const string Redacted = "SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        await using var host = Host();
        _api.QueuedLast = true;
        _api.CreateButNeverAnswerNext();

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        Seed(54, from: OtherNumber, after: _time.GetUtcNow());
        _api.Seed(new FakeMessage(Redacted, Contact, TwilioTestHost.FromNumber, "", _time.GetUtcNow().AddSeconds(1)) { Status = "delivered", DateSent = _time.GetUtcNow().AddMinutes(1) });
        _time.Advance(TimeSpan.FromMinutes(2));
        await host.Dispatcher.RunOnceAsync();

        var ours = _api.Messages.Single(m => m.DateSent is null);
        (await RecordAsync(host)).Should().BeEquivalentTo(new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = ours.Sid } });
        _api.Listed.Should().HaveCount(2, "the stored text is on page 2, behind 55 sent messages");
    }

    /// <summary>
    /// Two campaigns' SMS follow-ups to one contact, both unknown, with different texts from the same number: each is
    /// found as its own message, and one whose request never reached Twilio does not take the other's.
    /// </summary>
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Reconcile_TwoCampaignsUnknownToOneContact_EachFindsOnlyItsOwnMessage(bool firstReached, bool secondReached)
    {
        await using var host = Host();
        Script(firstReached);
        Script(secondReached);
        var second = new FollowUpKey("account-1", "campaign-2", "contact-1", FollowUpKind.Sms);

        await host.Engine.HandleCallCompletedAsync(Call(), Campaign);
        await host.Engine.HandleCallCompletedAsync(Call() with { CampaignId = "campaign-2", CallId = "call-2" }, OtherCampaign);
        _time.Advance(TimeSpan.FromMinutes(1));
        await host.Dispatcher.RunOnceAsync();

        var records = new[] { await RecordAsync(host), (await host.Store.FindAsync(second, CancellationToken.None))! };
        records.Select(r => r.Sms!.Body).Should().OnlyHaveUniqueItems("the two campaigns' texts differ");
        foreach (var (record, reached) in records.Zip([firstReached, secondReached]))
        {
            var own = _api.Messages.SingleOrDefault(m => m.Body == record.Sms!.Body)?.Sid;
            record.Should().BeEquivalentTo(
                reached
                    ? new { State = FollowUpState.Sent, Outcome = new { ProviderMessageId = own } }
                    : new { State = FollowUpState.Unknown, Outcome = new { ProviderMessageId = (string?)null } },
                reached ? "its own message exists" : "the other campaign's message is not this one's");
        }

        _api.Received.Should().HaveCount(2);
    }

    private void Script(bool reached)
    {
        if (reached)
        {
            _api.CreateButNeverAnswerNext();
        }
        else
        {
            _api.NeverAnswerNext();
        }
    }
}
