using System.Text.RegularExpressions;
using FollowUps.Templates;

namespace FollowUps.Tests.Templates;

/// <summary>
/// The text a test expects, built from the template's own fixed wording with each slot replaced by plain string
/// substitution (no Scriban): a test pins what went into the slots without repeating the wording, so a wording change
/// only touches the snapshots.
/// </summary>
internal static partial class TemplateWording
{
    /// <summary>The template of <paramref name="kind"/> with every slot it uses replaced by its value in <paramref name="slots"/>.</summary>
    /// <exception cref="ArgumentException">The template uses a slot that has no value.</exception>
    public static string Filled(SmsTemplateKind kind, SmsSlotValues slots) =>
        Slot().Replace(SmsTemplates.Get(kind).Text, match =>
        {
            var name = match.Groups["name"].Value;
            return name switch
            {
                "first_name" => slots.FirstName,
                "sender_name" => slots.SenderName,
                "brand_name" => slots.BrandName,
                "meeting_link" => slots.MeetingLink,
                "appointment_time" => slots.AppointmentTime,
                "appointment_location" => slots.AppointmentLocation,
                "summary" => slots.Summary,
                "offer_summary" => slots.OfferSummary,
                "promo_code" => slots.PromoCode,
                _ => throw new ArgumentException($"{kind} uses a slot this helper does not know: {name}", nameof(kind)),
            } ?? throw new ArgumentException($"{kind} uses {name}, which has no value", nameof(slots));
        });

    [GeneratedRegex(@"\{\{ (?<name>[a-z_]+) \}\}")]
    private static partial Regex Slot();
}
