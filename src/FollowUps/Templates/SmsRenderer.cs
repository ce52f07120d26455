using System.Collections.Frozen;
using Scriban;
using Scriban.Runtime;

namespace FollowUps.Templates;

/// <summary>
/// Renders the five fixed templates with Scriban. Each template is parsed once, when the type loads; a render
/// builds only the slot object and a context, and strict variables make a missing slot an error, never a blank.
/// Thread-safe.
/// </summary>
internal static class SmsRenderer
{
    private static readonly FrozenDictionary<SmsTemplateKind, Template> Parsed =
        SmsTemplates.All.ToFrozenDictionary(t => t.Kind, t => Parse(t));

    public static string Render(SmsTemplateKind kind, SmsSlotValues slots)
    {
        var globals = new ScriptObject
        {
            ["first_name"] = slots.FirstName,
            ["sender_name"] = slots.SenderName,
            ["brand_name"] = slots.BrandName,
            ["meeting_link"] = slots.MeetingLink,
            ["appointment_time"] = slots.AppointmentTime,
            ["appointment_location"] = slots.AppointmentLocation,
            ["summary"] = slots.Summary,
            ["offer_summary"] = slots.OfferSummary,
            ["promo_code"] = slots.PromoCode,
        };

        var context = new TemplateContext { StrictVariables = true, LoopLimit = 0, RecursiveLimit = 0 };
        context.PushGlobal(globals);
        return Parsed[kind].Render(context);
    }

    private static Template Parse(SmsTemplate template)
    {
        var parsed = Template.Parse(template.Text, template.Name);
        return parsed.HasErrors
            ? throw new InvalidOperationException($"The {template.Name} template does not parse: {string.Join("; ", parsed.Messages)}")
            : parsed;
    }
}
