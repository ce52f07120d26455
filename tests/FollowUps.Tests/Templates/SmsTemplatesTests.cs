using System.Text.RegularExpressions;

namespace FollowUps.Tests.Templates;

/// <summary>The catalogue of the five fixed templates.</summary>
public sealed partial class SmsTemplatesTests
{
    [Fact]
    public void All_IsTheFiveTemplatesInKindOrder()
    {
        SmsTemplates.All.Select(t => t.Kind).Should().Equal(Enum.GetValues<SmsTemplateKind>());
        SmsTemplates.All.Select(t => t.Name).Should().Equal("Meeting Request", "Next Step", "Appointment Confirmation", "Conversation Summary", "Offer / Promo");
    }

    [Fact]
    public void All_EachTextUsesExactlyItsSlotsInOrder()
    {
        foreach (var template in SmsTemplates.All)
        {
            var placeholders = Placeholder().Matches(template.Text).Select(m => m.Groups["name"].Value);

            placeholders.Should().Equal(template.Slots.Select(s => s.Name), "{0} declares the slots its text uses", template.Name);
        }
    }

    [Fact]
    public void All_EachTextHasNoScribanBeyondPlainPlaceholders()
    {
        foreach (var template in SmsTemplates.All)
        {
            Placeholder().Replace(template.Text, "").Should().NotContainAny(["{{", "}}", "{%", "%}"], "{0} has only plain placeholders", template.Name);
        }
    }

    [Fact]
    public void All_EachTextNamesSenderAndBrandAndEndsWithTheOptOutLine()
    {
        SmsTemplates.OptOutLine.Should().Be("Reply STOP to opt out.");
        SmsTemplates.All.Should().AllSatisfy(t =>
        {
            t.Text.Should().EndWith("\n" + SmsTemplates.OptOutLine);
            t.Text.Should().Contain("{{ first_name }}").And.Contain("{{ sender_name }}").And.Contain("{{ brand_name }}");
            t.Purpose.Should().NotBeNullOrWhiteSpace();
            t.Slots.Should().OnlyContain(s => s.Description.Length > 0);
        });
    }

    [Theory]
    [InlineData(SmsTemplateKind.MeetingRequest, true)]
    [InlineData(SmsTemplateKind.NextStep, true)]
    [InlineData(SmsTemplateKind.AppointmentConfirmation, false)]
    [InlineData(SmsTemplateKind.ConversationSummary, false)]
    [InlineData(SmsTemplateKind.OfferPromo, false)]
    public void NeedsMeetingLink_IsTrueExactlyForTemplatesWithALinkSlot(SmsTemplateKind kind, bool needs)
    {
        SmsTemplates.NeedsMeetingLink(kind).Should().Be(needs);
        SmsTemplates.Get(kind).Slots.Any(s => s.Name == "meeting_link").Should().Be(needs);
    }

    [Theory]
    [InlineData(SmsTemplateKind.MeetingRequest, SlotSource.Campaign)]
    [InlineData(SmsTemplateKind.AppointmentConfirmation, SlotSource.Call)]
    [InlineData(SmsTemplateKind.ConversationSummary, SlotSource.Call)]
    [InlineData(SmsTemplateKind.OfferPromo, SlotSource.Campaign)]
    public void Get_LastSlot_ComesFromWhereTheProductDocSays(SmsTemplateKind kind, SlotSource source)
    {
        SmsTemplates.Get(kind).Slots[^1].Source.Should().Be(source);
    }

    [Fact]
    public void Get_UnknownKind_Throws()
    {
        var get = () => SmsTemplates.Get((SmsTemplateKind)5);

        get.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("kind");
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[a-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void Catalogue_CastToAMutableList_CannotBeChanged()
    {
        var templates = (IList<SmsTemplate>)SmsTemplates.All;
        var slots = (IList<SmsTemplateSlot>)SmsTemplates.All[0].Slots;

        templates.IsReadOnly.Should().BeTrue();
        slots.IsReadOnly.Should().BeTrue();
        FluentActions.Invoking(() => slots[0] = slots[1]).Should().Throw<NotSupportedException>();
    }
}
