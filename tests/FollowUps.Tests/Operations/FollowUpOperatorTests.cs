using System.Collections.Concurrent;
using FollowUps.Tests.Delivery;

namespace FollowUps.Tests.Operations;

/// <summary>
/// The operator's controls: list, settle an unknown send by hand (sent, or not sent and so sent again), and cancel what
/// has not gone out; every change kept in the history with who asked and why, and never racing a send.
/// </summary>
public sealed partial class FollowUpOperatorTests
{
    private static readonly FollowUpKey Sms = new("account-1", "campaign-1", "contact-1", FollowUpKind.Sms);
    private static readonly CampaignFollowUpSettings SmsOnly = Sample.AllChannels with { Email = EmailFollowUpSettings.Disabled };
    private static readonly OperatorNote Note = new("ops@acme.example", "Twilio's console shows it.");

    [Fact]
    public async Task List_UnknownOfTheAccount_FindsThem()
    {
        var harness = await UnknownAsync();
        await harness.HandleAsync(Sample.Answered(contactId: "contact-2", callId: "call-2"), SmsOnly);

        var unknown = await harness.Operator.ListAsync(new FollowUpQuery { AccountId = "account-1", States = [FollowUpState.Unknown] });
        var act = () => harness.Operator.ListAsync(new FollowUpQuery { AccountId = "account-1", Limit = 0 });

        unknown.Select(r => r.Key).Should().Equal(Sms, Sms with { ContactId = "contact-2" });
        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*Limit*");
    }

    [Theory]
    [InlineData("", "why")]
    [InlineData("ops", " ")]
    [InlineData(null, "why")]
    public void OperatorNote_BlankByOrReason_IsRefused(string? by, string reason)
    {
        var act = () => new OperatorNote(by!, reason);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void OperatorNote_TooLongOrPadded_RefusedOrTrimmed()
    {
        var tooLongBy = () => new OperatorNote(new string('a', OperatorNote.MaxByLength + 1), "why");
        var tooLongReason = () => new OperatorNote("ops", new string('a', OperatorNote.MaxReasonLength + 1));

        tooLongBy.Should().Throw<ArgumentException>().WithMessage("*200*");
        tooLongReason.Should().Throw<ArgumentException>().WithMessage("*1000*");
        new OperatorNote("  ops@acme.example ", " paused ").Should().BeEquivalentTo(new { By = "ops@acme.example", Reason = "paused" });
    }

    /// <summary>A harness whose SMS was sent inline with no answer: unknown.</summary>
    private static async Task<EngineHarness> UnknownAsync(Func<SmsMessage, SendResult>? sms = null)
    {
        var harness = new EngineHarness(sms: sms ?? (_ => SendResult.Unknown("No answer within 30 seconds.")));
        await harness.HandleAsync(Sample.Answered(), SmsOnly);
        (await harness.Store.FindAsync(Sms, default))!.State.Should().Be(FollowUpState.Unknown);
        return harness;
    }

    /// <summary>A harness whose unknown SMS expired at its deadline, still unknown.</summary>
    private static async Task<EngineHarness> ExpiredUnknownAsync()
    {
        var harness = await UnknownAsync();
        harness.Time.Advance(harness.Delivery.Deadline + TimeSpan.FromMinutes(1));
        await harness.Dispatcher.RunOnceAsync();
        (await harness.Store.FindAsync(Sms, default)).Should().BeEquivalentTo(new { State = FollowUpState.Expired, Outcome = new { Status = OutcomeStatus.Unknown } });
        return harness;
    }

    private static FollowUpKey Key(string campaign, string contact) => new("account-1", campaign, contact, FollowUpKind.Sms);

    /// <summary>Puts a follow-up into <paramref name="state"/> through the store's own moves.</summary>
    private static async Task<FollowUpKey> SeedAsync(IFollowUpStore store, FollowUpKey key, DateTimeOffset now, FollowUpState state)
    {
        var claim = new FollowUpRecord
        {
            Key = key,
            CallId = $"call-{key.ContactId}",
            Targets = [new(SuppressionTargetKind.ContactId, key.ContactId)],
            Sms = new SmsMessage { Key = key, To = "+14155552671", Body = "Hi Ann, it's Dana from Acme Dental.\nReply STOP to opt out.", Template = SmsTemplateKind.MeetingRequest },
            State = FollowUpState.Claimed,
            LeaseOwner = "claimer",
            LeaseExpiresAt = now.AddMinutes(2),
            DueAt = now,
            ClaimedAt = now,
            Deadline = now.AddHours(24),
        };
        (await store.ClaimAsync(claim, default)).Won.Should().BeTrue();
        if (state == FollowUpState.Claimed)
        {
            return key;
        }

        var sending = claim with { State = FollowUpState.Sending, Attempts = 1 };
        (await store.TryUpdateAsync(claim, sending, default)).Should().BeTrue();
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = state == FollowUpState.Sent ? OutcomeStatus.Sent : OutcomeStatus.Unknown, Reason = OutcomeReason.None };
        var next = state switch
        {
            FollowUpState.Sending => null,
            FollowUpState.Waiting => sending with { State = state, LeaseOwner = null, DueAt = now.AddMinutes(5), WaitReason = WaitReason.Retry, Outcome = outcome with { Status = OutcomeStatus.Failed, Reason = OutcomeReason.TransientFailure } },
            _ => sending with { State = state, LeaseOwner = null, DueAt = now.AddMinutes(1), Outcome = outcome },
        };
        if (next is not null)
        {
            (await store.TryUpdateAsync(sending, next, default)).Should().BeTrue();
        }

        return key;
    }

    /// <summary>An outbox where an operator cancels the account's waiting follow-ups the moment an SMS is claimed.</summary>
    private sealed class RecordingObserver : IFollowUpObserver
    {
        public ConcurrentQueue<FollowUpRecord> Settled { get; } = new();

        public Task OnSettledAsync(FollowUpRecord record, CancellationToken cancellationToken)
        {
            Settled.Enqueue(record);
            return Task.CompletedTask;
        }
    }
}
