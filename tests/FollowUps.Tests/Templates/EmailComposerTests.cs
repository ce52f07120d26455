using FollowUps.Templates;
using FollowUps.Tests.Rules;

namespace FollowUps.Tests.Templates;

public sealed class EmailComposerTests
{
    private static readonly FollowUpKey Key = new("acct-acme", "camp-summer-recall", "contact-ann", FollowUpKind.Email);

    [Fact]
    public void Compose_DraftWithMeetingLink_EndsTheBodyWithTheLink()
    {
        var draft = new EmailDraft("Dana at Acme Dental", "Your cleaning", "Hi,\r\n\r\nSee you soon.\r\n\r\n", "https://cal.example.com/acme-dental");

        var message = EmailComposer.Compose(Key, "ann.lee@work.example", draft);

        message.Should().BeEquivalentTo(new EmailMessage
        {
            Key = Key,
            To = "ann.lee@work.example",
            FromName = "Dana at Acme Dental",
            Subject = "Your cleaning",
            TextBody = "Hi,\n\nSee you soon.\n\nBook a time: https://cal.example.com/acme-dental",
        });
        message.HtmlBody.Should().BeNull();
    }

    [Fact]
    public void Compose_DraftWithoutMeetingLink_KeepsTheBodyAsWritten()
    {
        var draft = new EmailDraft("Dana", "Sorry we missed you", "  Hi,\n\n\t- Reply with a time\r\n- Or call us\n  ", null);

        var message = EmailComposer.Compose(Key with { Kind = FollowUpKind.MissedCallEmail }, "ann.lee@example.com", draft);

        message.TextBody.Should().Be("Hi,\n\n\t- Reply with a time\n- Or call us");
        message.Key.Kind.Should().Be(FollowUpKind.MissedCallEmail);
    }

    [Fact]
    public void Compose_PlannedFollowUpEmail_IsTheCampaignCopyWithTheDefaultLink()
    {
        var email = new Scenario().Plan(FollowUpKind.Email).ShouldSendEmail();

        var message = EmailComposer.Compose(Key, email.To, email.Draft);

        message.To.Should().Be(Calls.CapturedEmail);
        message.TextBody.Should().Be(
            "Hi,\n\nThanks for talking with us today. Your visit details are below.\n\nAcme Dental\n\n" +
            "Book a time: https://cal.example.com/acme-dental");
    }
}
