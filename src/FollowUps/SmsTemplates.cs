using System.Collections.Frozen;

namespace FollowUps;

/// <summary>
/// The catalogue of the five fixed SMS templates: name, purpose, wording and slots. The wording is fixed for
/// compliance: every template names the sender and the brand and ends with the opt-out line. Thread-safe.
/// </summary>
public static class SmsTemplates
{
    /// <summary>The line every SMS ends with.</summary>
    public const string OptOutLine = "Reply STOP to opt out.";

    private static readonly SmsTemplateSlot FirstName = new("first_name", "The contact's first name, or \"there\" when unknown.", SlotSource.Contact);
    private static readonly SmsTemplateSlot SenderName = new("sender_name", "The campaign's sender name, else the account default.", SlotSource.Campaign);
    private static readonly SmsTemplateSlot BrandName = new("brand_name", "The account's brand name.", SlotSource.Account);
    private static readonly SmsTemplateSlot MeetingLink = new("meeting_link", "The campaign's scheduling link, else the account default.", SlotSource.Campaign);
    private static readonly SmsTemplateSlot AppointmentTime = new("appointment_time", "When the booked appointment starts, in the contact's time zone.", SlotSource.Call);
    private static readonly SmsTemplateSlot AppointmentLocation = new("appointment_location", "Where the booked appointment takes place.", SlotSource.Call);
    private static readonly SmsTemplateSlot Summary = new("summary", "A short recap of the call.", SlotSource.Call);
    private static readonly SmsTemplateSlot OfferSummary = new("offer_summary", "The offer being shared.", SlotSource.Campaign);
    private static readonly SmsTemplateSlot PromoCode = new("promo_code", "The promotional code.", SlotSource.Campaign);

    private static readonly FrozenDictionary<SmsTemplateKind, SmsTemplate> ByKind = new SmsTemplate[]
    {
        new()
        {
            Kind = SmsTemplateKind.MeetingRequest,
            Name = "Meeting Request",
            Purpose = "Invite the contact to book a meeting.",
            Text = "Hi {{ first_name }}, it's {{ sender_name }} from {{ brand_name }}. Thanks for your time today! Book a meeting here: {{ meeting_link }}\n" + OptOutLine,
            Slots = [FirstName, SenderName, BrandName, MeetingLink],
        },
        new()
        {
            Kind = SmsTemplateKind.NextStep,
            Name = "Next Step",
            Purpose = "Share a follow-up action after a positive call.",
            Text = "Hi {{ first_name }}, {{ sender_name }} from {{ brand_name }} here. Great talking! Your next step: book a quick call at {{ meeting_link }}\n" + OptOutLine,
            Slots = [FirstName, SenderName, BrandName, MeetingLink],
        },
        new()
        {
            Kind = SmsTemplateKind.AppointmentConfirmation,
            Name = "Appointment Confirmation",
            Purpose = "Confirm the appointment booked on the call.",
            Text = "Hi {{ first_name }}, it's {{ sender_name }} from {{ brand_name }}. You're confirmed for {{ appointment_time }} at {{ appointment_location }}\nSee you then!\n" + OptOutLine,
            Slots = [FirstName, SenderName, BrandName, AppointmentTime, AppointmentLocation],
        },
        new()
        {
            Kind = SmsTemplateKind.ConversationSummary,
            Name = "Conversation Summary",
            Purpose = "Recap the highlights of the call.",
            Text = "Hi {{ first_name }}, thanks for speaking with {{ sender_name }} from {{ brand_name }}. Quick recap: {{ summary }}\n" + OptOutLine,
            Slots = [FirstName, SenderName, BrandName, Summary],
        },
        new()
        {
            Kind = SmsTemplateKind.OfferPromo,
            Name = "Offer / Promo",
            Purpose = "Share a special offer or promotion.",
            Text = "Hi {{ first_name }}, {{ sender_name }} from {{ brand_name }} here with the offer we discussed: {{ offer_summary }}\nUse code {{ promo_code }} to redeem it.\n" + OptOutLine,
            Slots = [FirstName, SenderName, BrandName, OfferSummary, PromoCode],
        },
    }.ToFrozenDictionary(t => t.Kind);

    /// <summary>All five templates, in <see cref="SmsTemplateKind"/> order.</summary>
    public static IReadOnlyList<SmsTemplate> All { get; } = ByKind.Values.OrderBy(t => t.Kind).ToList().AsReadOnly();

    /// <summary>The template of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Its description.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not one of the five.</exception>
    public static SmsTemplate Get(SmsTemplateKind kind) =>
        ByKind.TryGetValue(kind, out var template)
            ? template
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not one of the five SMS templates.");

    /// <summary>Whether the template needs a meeting link (Meeting Request, Next Step).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> if it has a <c>meeting_link</c> slot.</returns>
    public static bool NeedsMeetingLink(SmsTemplateKind kind) => kind is SmsTemplateKind.MeetingRequest or SmsTemplateKind.NextStep;
}
