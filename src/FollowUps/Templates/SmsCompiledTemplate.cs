namespace FollowUps.Templates;

/// <summary>
/// One fixed SMS template compiled once: its literal text between slots, and which slot goes in each gap. Filling it
/// copies the literals and the values into one new string of the exact length; a value is copied as it is (nothing in it
/// is read as template syntax). A slot the template uses with no value (<see langword="null"/> or empty) is an error,
/// never a blank in the text, as Scriban's strict variables made it. Immutable; thread-safe.
/// </summary>
internal sealed class SmsCompiledTemplate
{
    private const string Open = "{{";
    private const string Close = "}}";

    private readonly string _name;
    private readonly string[] _literals;
    private readonly SmsSlot[] _slots;

    private SmsCompiledTemplate(string name, string[] literals, SmsSlot[] slots) => (_name, _literals, _slots) = (name, literals, slots);

    /// <summary>
    /// Splits <paramref name="template"/>'s text at each <c>{{ name }}</c>. The texts are the library's own, so a slot
    /// this type does not know, or one the template does not list, is a programming error found when the type loads.
    /// </summary>
    public static SmsCompiledTemplate Compile(SmsTemplate template)
    {
        var (text, literals, slots) = (template.Text, new List<string>(), new List<SmsSlot>());
        var at = 0;
        for (var open = text.IndexOf(Open, StringComparison.Ordinal); open >= 0; open = text.IndexOf(Open, at, StringComparison.Ordinal))
        {
            var close = text.IndexOf(Close, open, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new InvalidOperationException($"The {template.Name} template has an unclosed {Open} at {open}.");
            }

            var name = text.AsSpan(open + Open.Length, close - open - Open.Length).Trim().ToString();
            if (!template.Slots.Any(s => s.Name == name))
            {
                throw new InvalidOperationException($"The {template.Name} template uses {name}, which it does not list as a slot.");
            }

            literals.Add(text[at..open]);
            slots.Add(SlotNamed(name));
            at = close + Close.Length;
        }

        literals.Add(text[at..]);
        return new(template.Name, [.. literals], [.. slots]);
    }

    /// <summary>The template with each slot's value in its place.</summary>
    /// <exception cref="InvalidOperationException">A slot the template uses has no value.</exception>
    public string Fill(SmsSlotValues values)
    {
        var length = _literals[^1].Length;
        for (var i = 0; i < _slots.Length; i++)
        {
            var value = ValueOf(values, _slots[i]);
            if (string.IsNullOrEmpty(value))
            {
                throw new InvalidOperationException($"The {_name} template's {_slots[i]} slot has no value; a slot the template uses is never left blank.");
            }

            length += _literals[i].Length + value.Length;
        }

        return string.Create(length, (Template: this, Values: values), static (span, state) =>
        {
            var (literals, slots) = (state.Template._literals, state.Template._slots);
            for (var i = 0; i < slots.Length; i++)
            {
                literals[i].CopyTo(span);
                span = span[literals[i].Length..];
                var value = ValueOf(state.Values, slots[i])!;
                value.CopyTo(span);
                span = span[value.Length..];
            }

            literals[^1].CopyTo(span);
        });
    }

    private static string? ValueOf(SmsSlotValues values, SmsSlot slot) => slot switch
    {
        SmsSlot.FirstName => values.FirstName,
        SmsSlot.SenderName => values.SenderName,
        SmsSlot.BrandName => values.BrandName,
        SmsSlot.MeetingLink => values.MeetingLink,
        SmsSlot.AppointmentTime => values.AppointmentTime,
        SmsSlot.AppointmentLocation => values.AppointmentLocation,
        SmsSlot.Summary => values.Summary,
        SmsSlot.OfferSummary => values.OfferSummary,
        _ => values.PromoCode,
    };

    private static SmsSlot SlotNamed(string name) => name switch
    {
        "first_name" => SmsSlot.FirstName,
        "sender_name" => SmsSlot.SenderName,
        "brand_name" => SmsSlot.BrandName,
        "meeting_link" => SmsSlot.MeetingLink,
        "appointment_time" => SmsSlot.AppointmentTime,
        "appointment_location" => SmsSlot.AppointmentLocation,
        "summary" => SmsSlot.Summary,
        "offer_summary" => SmsSlot.OfferSummary,
        "promo_code" => SmsSlot.PromoCode,
        _ => throw new InvalidOperationException($"{{{{ {name} }}}} is not an SMS slot."),
    };
}
