using System.Collections.Frozen;
using Scriban;
using Scriban.Runtime;

namespace FollowUps.Templates;

/// <summary>
/// Renders the five fixed templates with Scriban. Each template is parsed once, when the type loads, and each
/// thread reuses one <see cref="TemplateContext"/>: a new context per render takes about 13 times as long and
/// allocates about 39 times as much (docs/benchmarks.md). Only slots with a value are defined,
/// and strict variables make a slot without one an error, never a blank. Thread-safe.
/// </summary>
internal static class SmsRenderer
{
    [ThreadStatic]
    private static TemplateContext? t_context;

    private static readonly FrozenDictionary<SmsTemplateKind, Template> Parsed =
        SmsTemplates.All.ToFrozenDictionary(t => t.Kind, t => Parse(t));

    public static string Render(SmsTemplateKind kind, SmsSlotValues slots)
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

        // Take the thread's context while rendering: a render that throws drops it rather than leave it half-used.
        var context = t_context ?? new TemplateContext { StrictVariables = true };
        t_context = null;
        context.PushGlobal(globals);
        var text = Parsed[kind].Render(context);
        context.PopGlobal();
        t_context = context;
        return text;
    }

    private static void Define(ScriptObject globals, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            globals[name] = value;
        }
    }

    private static Template Parse(SmsTemplate template)
    {
        var parsed = Template.Parse(template.Text, template.Name);
        return parsed.HasErrors
            ? throw new InvalidOperationException($"The {template.Name} template does not parse: {string.Join("; ", parsed.Messages)}")
            : parsed;
    }
}
