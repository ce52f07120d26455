using FollowUps.Normalization;
using FollowUps.Rules;

namespace FollowUps.Tests.Rules;

/// <summary>
/// One planner input built the way the engine builds it (call checked, addresses normalised), from a valid
/// baseline: an answered call with consent on both channels, every channel on, a complete account.
/// </summary>
internal sealed record Scenario
{
    public CallCompleted Call { get; init; } = Calls.Answered;

    public CampaignFollowUpSettings Campaign { get; init; } = Campaigns.All();

    public FollowUpOptions Defaults { get; init; } = Account();

    public SuppressionEntry? Suppression { get; init; }

    /// <summary>The engine's clock: by default, the moment the baseline call ended.</summary>
    public DateTimeOffset Now { get; init; } = Calls.Answered.EndedAt;

    /// <summary>The baseline with the call missed, so the missed-call email is the one that goes.</summary>
    public static Scenario MissedCall { get; } = new() { Call = Calls.Missed };

    public PlanningInput Input => new(
        Call,
        CallValidator.FindProblem(Call),
        Campaign,
        Defaults,
        ContactAddresses.Of(Call, Defaults.DefaultRegion),
        Suppression,
        Now);

    public FollowUpPlan Plan() => FollowUpPlanner.Plan(Input);

    public Decision Plan(FollowUpKind kind) => Plan().All.Single(d => d.Kind == kind);

    public Scenario WithSms(Func<SmsFollowUpSettings, SmsFollowUpSettings> change) =>
        this with { Campaign = Campaign with { Sms = change(Campaign.Sms) } };

    public Scenario WithEmail(Func<EmailFollowUpSettings, EmailFollowUpSettings> change) =>
        this with { Campaign = Campaign with { Email = change(Campaign.Email) } };

    public Scenario WithMissedCallEmail(Func<MissedCallEmailSettings, MissedCallEmailSettings> change) =>
        this with { Campaign = Campaign with { MissedCallEmail = change(Campaign.MissedCallEmail) } };

    public Scenario WithCall(Func<CallCompleted, CallCompleted> change) => this with { Call = change(Call) };

    /// <summary>A complete, valid account: brand, default sender, default meeting link, US numbers.</summary>
    public static FollowUpOptions Account(Action<FollowUpOptions>? change = null)
    {
        var options = new FollowUpOptions
        {
            BrandName = "Acme Dental",
            DefaultSenderName = "Dana",
            DefaultMeetingLink = "https://cal.example.com/acme-dental",
            DefaultRegion = "US",
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>A do-not-contact entry for the baseline contact.</summary>
    public static SuppressionEntry DoNotContact(SuppressionTargetKind kind = SuppressionTargetKind.ContactId) => new()
    {
        AccountId = Calls.Answered.AccountId,
        Target = kind switch
        {
            SuppressionTargetKind.Phone => new(kind, Calls.PhoneE164),
            SuppressionTargetKind.Email => new(kind, Calls.EmailOnFile),
            _ => new(kind, Calls.Answered.Contact.Id),
        },
        Reason = SuppressionReason.DoNotContactList,
        CreatedAt = Calls.StartedAt.AddDays(-3),
    };
}
