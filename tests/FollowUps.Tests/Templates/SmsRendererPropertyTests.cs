using CsCheck;
using FollowUps.Templates;

namespace FollowUps.Tests.Templates;

/// <summary>
/// The compiled templates write exactly what Scriban wrote (<see cref="ScribanSmsRenderer"/>, the oracle): the same
/// text for every slot value, and an error wherever Scriban's strict variables refused a slot the template uses
/// without a value (<see langword="null"/> or empty).
/// </summary>
public sealed class SmsRendererPropertyTests
{
    /// <summary>A slot value: missing, empty, template syntax, look-alikes and emoji, or any UTF-16 at all.</summary>
    private static readonly Gen<string?> Value = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (1, Gen.Const((string?)"")),
        (1, Gen.OneOf<string?>("{{ 7*7 }}", "{{ first_name }}", "{% raw %}", "}}{{", "{{", "$x", "\\n", " ", "there")),
        (4, SmsTextTests.Fragment.Array[1, 30].Select(parts => (string?)string.Concat(parts))),
        (2, SmsTextTests.AnyText.Select(text => (string?)text)));

    private static readonly Gen<SmsSlotValues> Slots = Gen.Select(
        Gen.Select(Value, Value, Value, Value, Value),
        Gen.Select(Value, Value, Value, Value),
        (a, b) => new SmsSlotValues
        {
            FirstName = a.Item1!,
            SenderName = a.Item2!,
            BrandName = a.Item3!,
            MeetingLink = a.Item4,
            AppointmentTime = a.Item5,
            AppointmentLocation = b.Item1,
            Summary = b.Item2,
            OfferSummary = b.Item3,
            PromoCode = b.Item4,
        });

    [Fact]
    public void Render_AnyKindAndSlotValues_IsWhatScribanRenderedOrFailsWhereItFailed()
    {
        Gen.Select(Gen.Enum<SmsTemplateKind>(), Slots).Sample((kind, slots) =>
        {
            var expected = Outcome(() => ScribanSmsRenderer.Render(kind, slots));

            var actual = Outcome(() => SmsRenderer.Render(kind, slots));

            actual.Should().Be(expected, "{0} with {1}", kind, slots);
        }, iter: 3_000);
    }

    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Render_EveryUsedSlotFilled_IsWhatScribanRendered(SmsTemplateKind kind)
    {
        Slots.Select(s => s with
        {
            FirstName = s.FirstName is { Length: > 0 } f ? f : "Ann",
            SenderName = s.SenderName is { Length: > 0 } n ? n : "Dana",
            BrandName = s.BrandName is { Length: > 0 } b ? b : "Acme",
            MeetingLink = s.MeetingLink is { Length: > 0 } m ? m : "https://cal.example.com/a",
            AppointmentTime = s.AppointmentTime is { Length: > 0 } t ? t : "Tue, Mar 3 at 3:30 PM (New York time)",
            AppointmentLocation = s.AppointmentLocation is { Length: > 0 } l ? l : "12 Main St",
            Summary = s.Summary is { Length: > 0 } r ? r : "a recap",
            OfferSummary = s.OfferSummary is { Length: > 0 } o ? o : "20% off",
            PromoCode = s.PromoCode is { Length: > 0 } p ? p : "SMILE20",
        }).Sample(slots =>
        {
            SmsRenderer.Render(kind, slots).Should().Be(ScribanSmsRenderer.Render(kind, slots));
        }, iter: 500);
    }

    /// <summary>The text, or that it failed: which exception differs (Scriban's own or the library's), the failure does not.</summary>
    private static string Outcome(Func<string> render)
    {
        try
        {
            return "text: " + render();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "failed";
        }
    }
}
