using BenchmarkDotNet.Attributes;
using FollowUps.Delivery;
using FollowUps.Normalization;
using FollowUps.Rules;
using FollowUps.Testing;
using Microsoft.Extensions.Options;

namespace FollowUps.Benchmarks;

/// <summary>
/// One completed call through the whole engine (normalise, suppression lookup, plan, render, claim, send to a
/// recording fake, record) beside the pure planner alone as the baseline, and the repeat-attempt path that stops
/// at the claim. Each iteration starts from an empty store, so its growth does not drift the figures.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(16_384)]
public class EngineBenchmarks
{
    private static readonly FollowUpOptions Defaults = new()
    {
        BrandName = "Acme Dental",
        DefaultSenderName = "Dana",
        DefaultMeetingLink = "https://cal.example.com/acme-dental",
    };

    private static readonly CampaignFollowUpSettings Campaign = new()
    {
        Sms = new() { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
        Email = new() { Enabled = true, AskForEmail = true, FromName = "Dana", Subject = "Great talking today", Body = "Thanks for your time.", MeetingLink = "https://cal.example.com/acme-dental" },
        MissedCallEmail = new() { Enabled = true, Subject = "Sorry we missed you", Body = "We tried to reach you." },
    };

    private static readonly CallCompleted Call = new()
    {
        AccountId = "acme",
        CampaignId = "recall",
        CallId = "call-1",
        Contact = new() { Id = "contact-1", Phone = "(415) 555-2671", Email = "maria@example.com", FirstName = "Maria" },
        Status = CallStatus.Answered,
        Transcript =
        [
            new() { Speaker = Speaker.Agent, Text = "May I text you a booking link and email a recap?" },
            new() { Speaker = Speaker.Contact, Text = "Sure, text me. Email works too." },
        ],
        Consent = new() { Sms = ChannelConsent.Granted(1, "text me"), Email = ChannelConsent.Granted(1, "Email works") },
    };

    private FollowUpEngine _engine = null!;
    private PlanningInput _planningInput;
    private int _contact;

    [IterationSetup]
    public void Setup()
    {
        var store = new InMemoryFollowUpStore();
        _engine = new FollowUpEngine(store, store, Options.Create(Defaults), Options.Create(new FollowUpDeliveryOptions()), TimeProvider.System, null, new RecordingSmsSender(_ => SendResult.Sent("SM1")), new RecordingEmailSender(_ => SendResult.Sent("E1")));
        _planningInput = new(Call, null, Campaign, Defaults, ContactAddresses.Of(Call, Defaults.DefaultRegion), null, TimeProvider.System.GetUtcNow());
        _engine.HandleCallCompletedAsync(Call, Campaign).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public object PlanOnly() => FollowUpPlanner.Plan(_planningInput);

    [Benchmark]
    public Task<FollowUpReport> HandleCall_NewContact() =>
        _engine.HandleCallCompletedAsync(Call with { Contact = Call.Contact with { Id = $"c-{++_contact}" } }, Campaign);

    [Benchmark]
    public Task<FollowUpReport> HandleCall_RepeatAttempt() => _engine.HandleCallCompletedAsync(Call, Campaign);
}
