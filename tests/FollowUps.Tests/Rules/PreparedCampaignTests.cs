using FollowUps.Rules;
using static FollowUps.OutcomeReason;

namespace FollowUps.Tests.Rules;

/// <summary>
/// A campaign is validated and prepared once per (campaign value, settings instance), not on every call; a changed
/// campaign or a new read of the account's settings is prepared anew, and an invalid campaign is refused on every call.
/// </summary>
public sealed class PreparedCampaignTests
{
    [Fact]
    public void For_EqualCampaignInANewInstance_IsPreparedOnce()
    {
        var settings = Scenario.Account();
        var campaign = Campaigns.All();
        var copy = campaign with { Email = campaign.Email with { Body = new string([.. campaign.Email.Body!]) } };

        var first = PreparedCampaign.For(campaign, settings);
        var again = PreparedCampaign.For(campaign, settings);
        var fromCopy = PreparedCampaign.For(copy, settings);

        copy.Should().NotBeSameAs(campaign).And.Be(campaign, "a record compares by value, nested records included");
        again.Should().BeSameAs(first);
        fromCopy.Should().BeSameAs(first, "an equal campaign value is the same key, whatever instance carries it");
    }

    [Fact]
    public void For_NewSettingsInstance_IsPreparedAnewWithItsValues()
    {
        var campaign = Campaigns.All();
        var before = Scenario.Account();
        var reread = Scenario.Account(o => o.BrandName = "Acme Dental & Co");

        var first = PreparedCampaign.For(campaign, before);
        var second = PreparedCampaign.For(campaign, reread);

        second.Should().NotBeSameAs(first, "a new settings instance is a new version of the account");
        first.SmsSlots!.Value.BrandName.Should().Be("Acme Dental");
        second.SmsSlots!.Value.BrandName.Should().Be("Acme Dental & Co");
        second.EmailValues!.Value.Brand.Should().Be("Acme Dental & Co");
    }

    [Fact]
    public void Plan_CampaignChangedToAnInvalidBodyAndBack_IsValidatedAnewEachTime()
    {
        var valid = new Scenario();
        var invalid = valid.WithEmail(e => e with { Body = e.Body + "\n\n[Book](javascript:alert(1))" });
        var validAgain = invalid.WithEmail(_ => Campaigns.Email);

        valid.Plan(FollowUpKind.Email).ShouldSendEmail();
        invalid.Plan(FollowUpKind.Email).ShouldSkip(InvalidCampaignSettings).Detail.Should().Contain("Email.Body");
        validAgain.Plan(FollowUpKind.Email).ShouldSendEmail();
    }

    [Fact]
    public void Plan_InvalidCampaign_IsRefusedOnEveryCall()
    {
        var invalid = new Scenario().WithSms(s => s with { MeetingLink = "http://cal.example.com/dana" });

        var first = invalid.Plan(FollowUpKind.Sms).ShouldSkip(InvalidCampaignSettings);
        var second = invalid.Plan(FollowUpKind.Sms).ShouldSkip(InvalidCampaignSettings);
        var third = (invalid with { Call = Calls.Answered with { CallId = "call-3" } }).Plan(FollowUpKind.Sms).ShouldSkip(InvalidCampaignSettings);

        first.Detail.Should().Contain("Sms.MeetingLink");
        second.Should().Be(first);
        third.Should().Be(first);
    }

    [Fact]
    public void Plan_ValidCampaignThenSuppressedContact_SkipsAsSuppressedThoughTheCampaignIsPrepared()
    {
        var scenario = new Scenario();
        scenario.Plan(FollowUpKind.Sms).ShouldSendSms();

        var suppressed = (scenario with { Suppression = Scenario.DoNotContact() }).Plan();

        suppressed.All.Should().OnlyContain(d => d is Skip && ((Skip)d).Reason == Suppressed);
    }

    [Fact]
    public void Plan_SameCampaignForTwoContacts_GreetsEachByTheirOwnName()
    {
        var scenario = new Scenario();
        var bo = scenario.WithCall(c => c.WithContact(p => p with { FirstName = "Bo" }));

        var first = scenario.Plan().Sms.ShouldSendSms();
        var second = bo.Plan().Sms.ShouldSendSms();
        var email = bo.Plan().Email.ShouldSendEmail();

        first.Slots.FirstName.Should().Be("Ann");
        second.Slots.FirstName.Should().Be("Bo");
        email.Draft.Values.FirstName.Should().Be("Bo");
        second.Slots.Should().Be(first.Slots with { FirstName = "Bo" });
    }
}
