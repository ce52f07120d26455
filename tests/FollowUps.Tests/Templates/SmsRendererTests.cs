using System.Text.RegularExpressions;
using FollowUps.Templates;
using FollowUps.Tests.Rules;
using Snapshooter;
using Snapshooter.Xunit;

namespace FollowUps.Tests.Templates;

/// <summary>The five texts as a contact receives them, pinned by snapshots, and slot values that try to break out.</summary>
public sealed class SmsRendererTests
{
    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Render_EachTemplateFromARealisticCall_MatchesItsSnapshot(SmsTemplateKind kind)
    {
        var text = RenderFromCall(kind);

        Snapshot.Match(text, SnapshotNameExtension.Create(kind));
    }

    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Render_EachTemplate_NamesSenderAndBrandAndEndsWithTheOptOutLine(SmsTemplateKind kind)
    {
        var text = RenderFromCall(kind);

        text.Should().StartWith("Hi Ann, ").And.Contain("Dana from Acme Dental").And.EndWith("\n" + SmsTemplates.OptOutLine);
        text.Should().NotContain("{{").And.NotContain("}}").And.NotContain("\r");
    }

    [Theory]
    [InlineData("{{ 7*7 }}")]
    [InlineData("{{ include 'x' }}")]
    [InlineData("{{ for i in 1..3 }}x{{ end }}")]
    [InlineData("{{ date.now }}")]
    [InlineData("{{ first_name }}")]
    [InlineData("{% raw %}")]
    public void Render_ScribanSyntaxInEverySlot_IsRenderedLiterally(string hostile)
    {
        var slots = new SmsSlotValues
        {
            FirstName = hostile,
            SenderName = hostile,
            BrandName = hostile,
            MeetingLink = hostile,
            AppointmentTime = hostile,
            AppointmentLocation = hostile,
            Summary = hostile,
            OfferSummary = hostile,
            PromoCode = hostile,
        };

        foreach (var template in SmsTemplates.All)
        {
            var text = SmsRenderer.Render(template.Kind, slots);

            text.Should().Be(Regex.Replace(template.Text, @"\{\{ [a-z_]+ \}\}", _ => hostile), "{0} renders the value as text", template.Name);
            text.Should().NotContain("49");
        }
    }

    [Fact]
    public void Render_ScribanSyntaxFromTheCallAndTheCampaign_ReachesTheTextUnevaluated()
    {
        var scenario = new Scenario()
            .WithSms(_ => Campaigns.Sms(SmsTemplateKind.OfferPromo) with { OfferSummary = "{{ include 'secrets' }} 20% off", PromoCode = "{{7*7}}" })
            .WithCall(c => c.WithContact(p => p with { FirstName = "{{ 7*7 }}" }));
        var sms = scenario.Plan(FollowUpKind.Sms).ShouldSendSms();

        var text = SmsRenderer.Render(sms.Template, sms.Slots);

        text.Should().Be(TemplateWording.Filled(SmsTemplateKind.OfferPromo, new SmsSlotValues
        {
            FirstName = "{{ 7*7 }}",
            SenderName = "Dana",
            BrandName = "Acme Dental",
            OfferSummary = "{{ include 'secrets' }} 20% off",
            PromoCode = "{{7*7}}",
        }));
    }

    [Fact]
    public void Render_HostileSummaryFromTheCall_IsOneCleanLine()
    {
        var summary = "You asked about whitening.\r\nReply STOP to opt out.\n\u202Eevil\u202C\u2066\u200B\0\u0007 and\u2028a cleaning.";
        var sms = new Scenario()
            .WithSms(_ => Campaigns.Sms(SmsTemplateKind.ConversationSummary))
            .WithCall(c => c with { Summary = summary })
            .Plan(FollowUpKind.Sms)
            .ShouldSendSms();

        var text = SmsRenderer.Render(sms.Template, sms.Slots);

        text.Should().Be(TemplateWording.Filled(SmsTemplateKind.ConversationSummary, new SmsSlotValues
        {
            FirstName = "Ann",
            SenderName = "Dana",
            BrandName = "Acme Dental",
            Summary = "You asked about whitening. Reply STOP to opt out. evil and a cleaning.",
        }));
    }

    [Theory]
    [MemberData(nameof(TemplateKinds.All), MemberType = typeof(TemplateKinds))]
    public void Render_UnknownFirstName_GreetsThere(SmsTemplateKind kind)
    {
        var sms = new Scenario()
            .WithSms(_ => Campaigns.Sms(kind))
            .WithCall(c => c.WithContact(p => p with { FirstName = new string('x', SlotLimits.FirstName + 1) }))
            .Plan(FollowUpKind.Sms)
            .ShouldSendSms();

        SmsRenderer.Render(sms.Template, sms.Slots).Should().StartWith("Hi there, ");
    }

    /// <summary>
    /// A slot the template uses but that has no value is an error, never a blank in the text ("Book a time that
    /// suits you: " with no link): the safety net behind the planner, which fills every slot.
    /// </summary>
    [Theory]
    [InlineData(SmsTemplateKind.MeetingRequest)]
    [InlineData(SmsTemplateKind.AppointmentConfirmation)]
    [InlineData(SmsTemplateKind.ConversationSummary)]
    [InlineData(SmsTemplateKind.OfferPromo)]
    public void Render_SlotTheTemplateUsesIsNull_ThrowsRatherThanRenderingABlank(SmsTemplateKind kind)
    {
        var slots = new SmsSlotValues { FirstName = "Ann", SenderName = "Dana", BrandName = "Acme Dental" };

        var render = () => SmsRenderer.Render(kind, slots);

        render.Should().Throw<Exception>();
    }

    [Fact]
    public void Render_OnTheSameThreadAfterOtherRendersAndAFailedOne_LeavesNothingBehind()
    {
        var full = new SmsSlotValues
        {
            FirstName = "Ann",
            SenderName = "Dana",
            BrandName = "Acme Dental",
            MeetingLink = "https://cal.example.com/acme",
            OfferSummary = "20% off whitening",
            PromoCode = "SMILE20",
        };
        var first = SmsRenderer.Render(SmsTemplateKind.MeetingRequest, full);

        var offer = SmsRenderer.Render(SmsTemplateKind.OfferPromo, full with { FirstName = "Bo" });
        var failing = () => SmsRenderer.Render(SmsTemplateKind.NextStep, full with { MeetingLink = null });
        failing.Should().Throw<Exception>();
        var again = SmsRenderer.Render(SmsTemplateKind.MeetingRequest, full);

        offer.Should().StartWith("Hi Bo, Dana from Acme Dental here").And.Contain("SMILE20");
        again.Should().Be(first);
        first.Should().StartWith("Hi Ann,").And.EndWith(SmsTemplates.OptOutLine);
    }

    [Fact]
    public async Task Render_ManyThreadsAtOnce_EachGetsItsOwnText()
    {
        var names = Enumerable.Range(0, 200).Select(i => $"Name{i}").ToList();

        static SmsSlotValues SlotsFor(string name) =>
            new() { FirstName = name, SenderName = "Dana", BrandName = "Acme", MeetingLink = "https://cal.example.com/a" };

        var texts = await Task.WhenAll(names.Select(name => Task.Run(() => SmsRenderer.Render(SmsTemplateKind.MeetingRequest, SlotsFor(name)))));

        texts.Should().Equal(names.Select(name => TemplateWording.Filled(SmsTemplateKind.MeetingRequest, SlotsFor(name))));
    }

    private static string RenderFromCall(SmsTemplateKind kind)
    {
        var sms = new Scenario().WithSms(_ => Campaigns.Sms(kind)).Plan(FollowUpKind.Sms).ShouldSendSms();
        sms.Template.Should().Be(kind);
        return SmsRenderer.Render(sms.Template, sms.Slots);
    }
}
