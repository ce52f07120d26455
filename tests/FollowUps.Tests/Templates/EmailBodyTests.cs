using CsCheck;
using FollowUps.Delivery;
using FollowUps.Templates;

namespace FollowUps.Tests.Templates;

public sealed class EmailBodyTests
{
    private static readonly EmailValues Values = new(FirstName: "Ann", FromName: "Dana at Acme Dental", SenderName: "Dana", Brand: "Acme Dental", MeetingLink: null);

    /// <summary>
    /// A campaign's text that writes a compile marker with an entity (which Markdig decodes into the very letters) shows as
    /// that text: the body is rendered again with other markers, the cuts differ, and other markers are taken.
    /// </summary>
    [Fact]
    public void Of_BodyThatSpellsAMarkerWithAnEntity_ShowsItAsTextNotAsAValue()
    {
        var marker = EmailMarkers.Marker(EmailMarkers.Base(0), 0);
        var body = $"Hi {{{{ first_name }}}} &#{(int)marker[0]};{marker[1..]} end";

        var compiled = EmailBody.Of(body, meetingLink: null, closesWithMeetingLink: false);

        compiled.Problem.Should().BeNull();
        SlottedText.Join(compiled.Text, SlottedText.Literal(""), new SlotValues(Values, null), html: false).Should().Be($"Hi Ann {marker} end\n");
    }

    [Fact]
    public void Check_ProblemAboutAPlaceholder_NamesThePlaceholderNotItsMarker()
    {
        EmailBody.Check(EmailBody.Template("See <{{ first_name }}:alert(1)>"), hasMeetingLink: false)
            .Should().StartWith("links to '{{ first_name }}:alert(1)'");
    }

    [Fact]
    public void Check_PlaceholderInALinkAddress_IsRefusedAsSendingRefusesIt()
    {
        const string body = "[Hi](https://acme.example/{{ first_name }})";

        EmailBody.Check(EmailBody.Template(body), hasMeetingLink: false).Should().Be("puts a placeholder inside a link's address; only {{ meeting_link }} can be a link");
        EmailBody.Of(body, meetingLink: null, closesWithMeetingLink: true).Problem.Should().Be(EmailBody.Check(EmailBody.Template(body), hasMeetingLink: false));
    }

    /// <summary>The footer writes the token unescaped into a URL and HTML: it must hold only base64url characters and dots.</summary>
    [Fact]
    public void UnsubscribeToken_AnyAccountAndAddress_NeedsNoEscapingInAUrlOrHtml()
    {
        Gen.Select(Gen.String[0, 40], Gen.String[1, 60]).Sample((account, email) =>
        {
            var token = UnsubscribeToken.Create("test-signing-key-0123456789-abcdefghij", account, email);

            token.Should().MatchRegex("^[A-Za-z0-9_.-]+$");
        }, iter: 1_000);
    }
}
