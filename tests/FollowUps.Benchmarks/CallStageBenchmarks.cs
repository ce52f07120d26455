using BenchmarkDotNet.Attributes;
using FollowUps.Benchmarks.Support;
using FollowUps.Delivery;
using FollowUps.Normalization;
using FollowUps.Rules;
using FollowUps.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhoneNumbers;
using Scriban;
using Scriban.Runtime;

namespace FollowUps.Benchmarks;

/// <summary>
/// The stage table of the performance issue (14), one row per stage of one answered call: SMS consent and email
/// consent heard, an SMS from the Meeting Request template and an email with basic formatting (bold, a three-item
/// list, the meeting link), the campaign's missed-call email on too (planned and skipped: the call was answered), no-op
/// senders, the in-memory store, a new contact per call. The stages run on what the engine gives them for this call
/// (the plan's SMS slots and email draft, the account's composer and segment budget). The outbox row is one of the call's
/// two sends (claim, start, send, settle, on an in-memory store emptied per iteration); what the whole call spends beyond
/// the stages and two outbox rows is the engine's own glue and the garbage collection of what the store keeps. Baseline: libphonenumber parse and E.164 format of the contact's phone, and one
/// Scriban render of the Meeting Request text with one reused <see cref="TemplateContext"/>.
/// Every iteration starts from a new engine on an empty store (<see cref="NewStore"/>), so the store holds at most
/// <see cref="Calls"/> calls and its growth does not drift the figures; the invocation count is fixed for every row. The
/// whole call on a store that forgets (<see cref="WholeCallKeepingNothing"/>) shows what keeping every follow-up costs,
/// and on one that forgets all but the messages, what keeping those alone costs: as the message objects
/// (<see cref="WholeCallKeepingOnlyMessages"/>) or as their text's UTF-8 bytes (<see cref="WholeCallKeepingOnlyMessageBytes"/>).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Calls)]
public class CallStageBenchmarks
{
    /// <summary>Calls per iteration: each gets a contact of its own, and the store is emptied before the next iteration.</summary>
    private const int Calls = 16_384;

    private const string Body =
        "Hi {{ first_name }},\n\nThanks for taking our call today. It's time for your **six-month cleaning and check-up**: " +
        "pick a time that suits you at {{ meeting_link }}.\n\n- We're open Monday to Saturday, 8 am to 6 pm.\n" +
        "- We accept most dental plans.\n- New-patient forms come with every booking confirmation, so there is nothing to print.\n\n" +
        "{{ sender_name }} and the {{ brand }} team";

    private static readonly FollowUpOptions Defaults = AnsweredCall.Defaults;

    private static readonly CampaignFollowUpSettings Campaign = new()
    {
        Sms = new() { Enabled = true, Template = SmsTemplateKind.MeetingRequest },
        Email = new() { Enabled = true, AskForEmail = true, FromName = "Dana at Acme Dental", Subject = "{{ first_name }}, time for your cleaning", Body = Body, MeetingLink = "https://cal.example.com/acme-dental" },
        MissedCallEmail = new() { Enabled = true, Subject = "Sorry we missed you", Body = "We tried to reach you, {{ first_name }}. Book a time at {{ meeting_link }}." },
    };

    private static readonly CallCompleted Call = AnsweredCall.Call;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private static readonly Template MeetingRequest = Template.Parse(SmsTemplates.Get(SmsTemplateKind.MeetingRequest).Text);

    private readonly TemplateContext _context = new() { StrictVariables = true };
    private readonly EmailComposer _composer = new(Defaults);

    private CallCompleted[] _calls = [];
    private PlanningInput _planningInput;
    private SendSms _sms = null!;
    private SendEmail _email = null!;
    private FollowUpKey _emailKey;
    private FollowUpEngine _engine = null!;
    private FollowUpDelivery _delivery = null!;
    private Outbound[] _outbounds = [];
    private IReadOnlyCollection<SuppressionTarget> _targets = [];
    private string _smsText = "";
    private int _next;

    [GlobalSetup]
    public void Prepare()
    {
        _calls = [.. Enumerable.Range(0, Calls).Select(i => AnsweredCall.For($"c-{i}", $"call-{i}"))];
        _planningInput = new(Call, null, Campaign, Defaults, ContactAddresses.Of(Call, Defaults.DefaultRegion), null, TimeProvider.System.GetUtcNow());
        var plan = FollowUpPlanner.Plan(_planningInput);
        if (plan is not { Sms: SendSms sms, Email: SendEmail email, MissedCallEmail: Skip { Reason: OutcomeReason.CallNotMissed } })
        {
            throw new InvalidOperationException($"The benchmark call does not plan an SMS and an email: {plan}.");
        }

        (_sms, _email, _emailKey) = (sms, email, new FollowUpKey(Call.AccountId, Call.CampaignId, Call.Contact.Id, FollowUpKind.Email));
        var expectedSms = _smsText = SmsComposer.Compose(_sms.Template, _sms.Slots, Defaults.MaxSmsSegments).Text;
        if (Baseline() != expectedSms || Baseline() != expectedSms || EmailRendering().HtmlBody?.Contains("<li>", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException("The baseline or the email does not render as the engine's; the figures would be meaningless.");
        }

        NewStore();
        var report = WholeCall().GetAwaiter().GetResult();
        if (report is not { Sms.Status: OutcomeStatus.Sent, Email.Status: OutcomeStatus.Sent, MissedCallEmail.Reason: OutcomeReason.CallNotMissed })
        {
            throw new InvalidOperationException($"The whole call does not send the SMS and the email: {report.Sms.Reason}, {report.Email.Reason}.");
        }
    }

    /// <summary>A new engine on an empty in-memory store, warmed with one call of a contact the iteration does not use.</summary>
    [IterationSetup(Target = nameof(WholeCall))]
    public void NewStore() => StartOn(new InMemoryFollowUpStore());

    /// <summary>A new engine on a store that keeps at most 256 follow-ups (<see cref="ForgetfulStore"/>), warmed like <see cref="NewStore"/>.</summary>
    [IterationSetup(Target = nameof(WholeCallKeepingNothing))]
    public void NewForgetfulStore() => StartOn(new ForgetfulStore());

    /// <summary>A new engine on <paramref name="store"/>, warmed with one call of a contact the iteration does not use.</summary>
    private void StartOn<TStore>(TStore store)
        where TStore : IFollowUpStore, ISuppressionStore
    {
        _engine = new FollowUpEngine(store, store, Options.Create(Defaults), Options.Create(new FollowUpDeliveryOptions()), TimeProvider.System, null, NoOpSenders.Sms, NoOpSenders.Email);
        _engine.HandleCallCompletedAsync(AnsweredCall.For("warm-up", "call-warm-up"), Campaign).GetAwaiter().GetResult();
        _next = 0;
    }

    [Benchmark(Baseline = true, Description = "Baseline: libphonenumber parse + E.164 + Scriban render (reused context)")]
    public string Baseline()
    {
        var number = Phones.Parse(Call.Contact.Phone, Defaults.DefaultRegion);
        var globals = new ScriptObject
        {
            ["first_name"] = _sms.Slots.FirstName,
            ["sender_name"] = _sms.Slots.SenderName,
            ["brand_name"] = _sms.Slots.BrandName,
            ["meeting_link"] = _sms.Slots.MeetingLink,
        };
        _context.PushGlobal(globals);
        var text = MeetingRequest.Render(_context);
        _context.PopGlobal();
        return Phones.Format(number, PhoneNumberFormat.E164).Length > 0 ? text : "";
    }

    [Benchmark(Description = "Whole call: HandleCallCompletedAsync, new contact")]
    public Task<FollowUpReport> WholeCall() => _engine.HandleCallCompletedAsync(_calls[_next++ % Calls], Campaign);

    [Benchmark(Description = "Whole call on an outbox that forgets (at most 256 kept): the call without the collector's work for what the store keeps")]
    public Task<FollowUpReport> WholeCallKeepingNothing() => _engine.HandleCallCompletedAsync(_calls[_next++ % Calls], Campaign);

    /// <summary>A new engine on a forgetting store that keeps each follow-up's message object (<see cref="ForgetfulStore"/>), warmed like <see cref="NewStore"/>.</summary>
    [IterationSetup(Target = nameof(WholeCallKeepingOnlyMessages))]
    public void NewMessageKeepingStore() => StartOn(new ForgetfulStore(KeptMessages.AsObjects));

    [Benchmark(Description = "Whole call on an outbox that forgets all but each message: what keeping only the messages costs the collector")]
    public Task<FollowUpReport> WholeCallKeepingOnlyMessages() => _engine.HandleCallCompletedAsync(_calls[_next++ % Calls], Campaign);

    /// <summary>A new engine on a forgetting store that keeps each follow-up's message as UTF-8 bytes (<see cref="ForgetfulStore"/>), warmed like <see cref="NewStore"/>.</summary>
    [IterationSetup(Target = nameof(WholeCallKeepingOnlyMessageBytes))]
    public void NewMessageBytesStore() => StartOn(new ForgetfulStore(KeptMessages.AsUtf8));

    [Benchmark(Description = "Whole call on an outbox that forgets all but each message's text, as UTF-8 in large chunks: keeping it where the collector does not trace it")]
    public Task<FollowUpReport> WholeCallKeepingOnlyMessageBytes() => _engine.HandleCallCompletedAsync(_calls[_next++ % Calls], Campaign);

    [Benchmark(Description = "Email rendering: EmailComposer.Compose")]
    public EmailMessage EmailRendering() => _composer.Compose(_emailKey, _email.To, _email.Draft, Defaults.UnsubscribeSigningKey);

    [Benchmark(Description = "Planning: FollowUpPlanner.Plan")]
    public object Planning() => FollowUpPlanner.Plan(_planningInput);

    [Benchmark(Description = "Phone normalisation: PhoneNormalizer.Normalize")]
    public string? PhoneNormalisation() => PhoneNormalizer.Normalize(Call.Contact.Phone, Defaults.DefaultRegion).Value; // Checked is an internal struct: its value, not a boxed copy.

    [Benchmark(Description = "SMS rendering: SmsComposer.Compose")]
    public object SmsRendering() => SmsComposer.Compose(_sms.Template, _sms.Slots, Defaults.MaxSmsSegments);

    [Benchmark(Description = "Contact addresses: ContactAddresses.Of + do-not-contact targets")]
    public object ContactAddressesOf() => ContactAddresses.Of(Call, Defaults.DefaultRegion).SuppressionTargets(Call.Contact.Id);

    /// <summary>An empty in-memory outbox for <see cref="Outbox"/>, and the SMS each invocation delivers to a contact of its own.</summary>
    [IterationSetup(Target = nameof(Outbox))]
    public void NewOutbox()
    {
        var store = new InMemoryFollowUpStore();
        _delivery = new FollowUpDelivery(store, store, TimeProvider.System, new FollowUpDeliveryOptions(), NullLogger.Instance);
        _targets = ContactAddresses.Of(Call, Defaults.DefaultRegion).SuppressionTargets(Call.Contact.Id);
        _outbounds = [.. _calls.Select(call => Outbound.Of(new SmsMessage { Key = new FollowUpKey(call.AccountId, call.CampaignId, call.Contact.Id, FollowUpKind.Sms), To = "+14155552671", Body = _smsText, Template = _sms.Template }, SmsText.Measure(_smsText), NoOpSenders.Sms))];
        _next = 0;
    }

    [Benchmark(Description = "Outbox: one SMS claimed, started, sent, settled (FollowUpDelivery.DeliverAsync)")]
    public ValueTask<FollowUpOutcome> Outbox()
    {
        var i = _next++ % Calls;
        return _delivery.DeliverAsync(_calls[i], _outbounds[i], _targets, sendNow: true, CancellationToken.None);
    }
}
