using System.Collections.Frozen;
using Scriban;
using Scriban.Runtime;

namespace FollowUps.Tests.Templates;

/// <summary>
/// The oracle for the compiled SMS renderer: the five templates rendered with Scriban, exactly as the library did before
/// it compiled them (one parse per template, strict variables, only slots with a value defined, so a slot the template
/// uses without a value is an error). Kept here so a property can hold the library's output to it.
/// </summary>
internal static class ScribanSmsRenderer
{
    private static readonly FrozenDictionary<SmsTemplateKind, Template> Parsed =
        SmsTemplates.All.ToFrozenDictionary(t => t.Kind, t => Template.Parse(t.Text, t.Name));

    public static string Render(SmsTemplateKind kind, FollowUps.Templates.SmsSlotValues slots)
    {
        var globals = new ScriptObject();
        Define(globals, "first_name", slots.FirstName);
        Define(globals, "sender_name", slots.SenderName);
        Define(globals, "brand_name", slots.BrandName);
        Define(globals, "meeting_link", slots.MeetingLink);
        Define(globals, "appointment_time", slots.AppointmentTime);
        Define(globals, "appointment_location", slots.AppointmentLocation);
        Define(globals, "summary", slots.Summary);
        Define(globals, "offer_summary", slots.OfferSummary);
        Define(globals, "promo_code", slots.PromoCode);

        var context = new TemplateContext { StrictVariables = true };
        context.PushGlobal(globals);
        return Parsed[kind].Render(context);
    }

    private static void Define(ScriptObject globals, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            globals[name] = value;
        }
    }
}
