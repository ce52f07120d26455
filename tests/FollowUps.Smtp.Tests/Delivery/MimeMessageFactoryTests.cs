using CsCheck;
using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;
using MimeKit;

namespace FollowUps.Smtp.Tests.Delivery;

public sealed class MimeMessageFactoryTests
{
    private static readonly MimeMessageFactory Factory = new(Senders.FromAddress, TimeProvider.System);

    /// <summary>Header text as the core lets it through: one line, no control characters, trimmed, not blank.</summary>
    private static readonly Gen<string> HeaderText = Gen.OneOf(
            Gen.Char[' ', '~'].Select(c => c.ToString()),
            Gen.OneOf("é", "Ł", "ß", "ø", "日本", "Ω", "✓", "😀", "👩‍⚕️", " ", "  ", "=?utf-8?q?x?=", "\"", "<", ">", "@", ",", ";", ":", "\\", "(", ")", "?=", "_", "\u00A0"))
        .Array[1, 40]
        .Select(tokens => string.Concat(tokens).Trim())
        .Where(text => text.Length > 0);

    [Fact]
    public void MessageIdFor_SameKey_SameId_EveryPartChangesIt()
    {
        var key = new FollowUpKey("account", "campaign", "contact", FollowUpKind.Email);
        var id = Factory.MessageIdFor(key);

        Factory.MessageIdFor(key with { }).Should().Be(id);
        id.Should().MatchRegex("^[0-9a-f]{64}@acme\\.test$");
        FollowUpKey[] others =
        [
            key with { AccountId = "account2" },
            key with { CampaignId = "campaign2" },
            key with { ContactId = "contact2" },
            key with { Kind = FollowUpKind.MissedCallEmail },
        ];
        others.Select(Factory.MessageIdFor).Append(id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void MessageIdFor_PartsThatJoinToTheSameText_DifferentIds()
    {
        var a = new FollowUpKey("a/b", "c", "d", FollowUpKind.Email);
        var b = new FollowUpKey("a", "b/c", "d", FollowUpKind.Email);
        var c = new FollowUpKey("ab", "", "cd", FollowUpKind.Email);
        var d = new FollowUpKey("a", "b", "cd", FollowUpKind.Email);

        new[] { a, b, c, d }.Select(Factory.MessageIdFor).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void MessageIdFor_InternationalDomain_UsesItsAsciiForm()
    {
        var factory = new MimeMessageFactory("info@bücher.example", TimeProvider.System);

        factory.MessageIdFor(new FollowUpKey("a", "b", "c", FollowUpKind.Email)).Should().EndWith("@xn--bcher-kva.example");
    }

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData(" ann@example.com ", true)]
    [InlineData("info@bücher.example", true)]
    [InlineData("followups@localhost", true)]
    [InlineData("Ann <ann@example.com>", false)]
    [InlineData("ann", false)]
    [InlineData("ann@", false)]
    [InlineData("@example.com", false)]
    [InlineData("ann@example.com\r\nBcc: x@example.com", false)]
    [InlineData("", false)]
    public void IsAddress_AcceptsBareAddressesOnly(string value, bool expected)
        => MimeMessageFactory.IsAddress(value).Should().Be(expected);

    [Fact]
    public void Create_AnyOneLineFromNameAndSubject_RoundTripsThroughTheWireFormatExactly()
    {
        Gen.Select(HeaderText, HeaderText).Sample((fromName, subject) =>
        {
            using var mime = Factory.Create(Emails.Create(1, fromName: fromName, subject: subject));
            using var wire = new MemoryStream();
            mime.WriteTo(wire);
            wire.Position = 0;
            using var parsed = MimeMessage.Load(wire);

            var from = parsed.From.Mailboxes.Single();
            from.Name.Should().Be(fromName);
            from.Address.Should().Be(Senders.FromAddress);
            parsed.Subject.Should().Be(subject);
        }, iter: 2000);
    }

    [Theory]
    [InlineData("https://acme.test/u?t=abc")]
    [InlineData("HTTPS://unsubscribe.acme.test:8443/u/abc?x=1&y=(2),3;z=%20")]
    [InlineData("https://127.0.0.1/u")]
    [InlineData("https://xn--bcher-kva.example/u#top")]
    public void Problem_AbsoluteHttpsUnsubscribeUrl_None(string url)
        => MimeMessageFactory.Problem(Emails.Create(1, unsubscribeUrl: url)).Should().BeNull();

    [Theory]
    [InlineData("http://acme.test/u", "The unsubscribe link is not an absolute https URL.")]
    [InlineData("mailto:unsubscribe@acme.test", "The unsubscribe link is not an absolute https URL.")]
    [InlineData("/u?t=abc", "The unsubscribe link is not an absolute https URL.")]
    [InlineData("https:///u", "The unsubscribe link is not an absolute https URL.")]
    [InlineData("", "The unsubscribe link is not an absolute https URL.")]
    [InlineData("https://acme.test/u?t=a b", "The unsubscribe link contains a space, line break or other control character.")]
    [InlineData(" https://acme.test/u", "The unsubscribe link contains a space, line break or other control character.")]
    [InlineData("https://acme.test/u\r\nBcc: all@example.com", "The unsubscribe link contains a space, line break or other control character.")]
    [InlineData("https://acme.test/u\t", "The unsubscribe link contains a space, line break or other control character.")]
    [InlineData("https://acme.test/u\0", "The unsubscribe link contains a space, line break or other control character.")]
    [InlineData("https://acme.test/u>, <https://evil.test/", "The unsubscribe link contains '<' or '>'.")]
    [InlineData("https://bücher.example/u", "The unsubscribe link contains a non-ASCII character: percent-encode it, and write the host name in its ASCII (xn--) form.")]
    [InlineData("https://acme.test/u?\u0085", "The unsubscribe link contains a non-ASCII character: percent-encode it, and write the host name in its ASCII (xn--) form.")]
    [InlineData("https://acme.test/u?t==?utf-8?q?x?=", "The unsubscribe link contains \"=?\", which mail clients can read as an encoded word: percent-encode the '?' as %3F.")]
    public void Problem_UnsafeUnsubscribeUrl_SaysWhy(string url, string expected)
        => MimeMessageFactory.Problem(Emails.Create(1, unsubscribeUrl: url)).Should().Be(expected);

    [Fact]
    public void Problem_UnsubscribeUrlOver900Characters_SaysSo()
    {
        var url = $"https://acme.test/u?t={new string('a', 901 - "https://acme.test/u?t=".Length)}";

        MimeMessageFactory.Problem(Emails.Create(1, unsubscribeUrl: url)).Should().Be("The unsubscribe link is longer than 900 characters.");
        MimeMessageFactory.Problem(Emails.Create(1, unsubscribeUrl: url[..^1])).Should().BeNull();
    }

    [Theory]
    [InlineData("Dana\u0000", "Thanks", "The from name contains the control character U+0000.")]
    [InlineData("Dana", "Thanks\tfor calling", "The subject contains the control character U+0009.")]
    [InlineData("Dana", "Thanks \u001B[31m", "The subject contains the control character U+001B.")]
    [InlineData("Dana\u0085", "Thanks", "The from name contains the control character U+0085.")]
    [InlineData(" Dana", "Thanks", "The from name starts or ends with white space, which mail clients drop.")]
    [InlineData("Dana", "Thanks\u00A0", "The subject starts or ends with white space, which mail clients drop.")]
    public void Problem_HeaderTextThatWouldNotArriveAsWritten_SaysWhy(string fromName, string subject, string expected)
        => MimeMessageFactory.Problem(Emails.Create(1, fromName: fromName, subject: subject)).Should().Be(expected);

    [Fact]
    public void Problem_UnpairedSurrogate_SaysWhichField()
    {
        MimeMessageFactory.Problem(Emails.Create(1, subject: "Thanks \uD83D")).Should().Be("The subject is not valid Unicode text (it has an unpaired surrogate).");
        MimeMessageFactory.Problem(Emails.Create(1, fromName: "\uDE00Dana")).Should().Be("The from name is not valid Unicode text (it has an unpaired surrogate).");
        MimeMessageFactory.Problem(Emails.Create(1) with { TextBody = "Hi \uDE00" }).Should().Be("The text body is not valid Unicode text (it has an unpaired surrogate).");
        MimeMessageFactory.Problem(Emails.Create(1, htmlBody: "<p>\uD83D</p>")).Should().Be("The HTML body is not valid Unicode text (it has an unpaired surrogate).");
        MimeMessageFactory.Problem(Emails.Create(1, htmlBody: "<p>😀 \0 \u001B</p>") with { TextBody = "😀\r\n\0" }).Should().BeNull("bodies may hold any valid text");
    }

    [Fact]
    public void Create_UnsubscribeUrl_OneLineListUnsubscribeAndOneClickPost()
    {
        using var mime = Factory.Create(Emails.Create(1, unsubscribeUrl: "https://acme.test/u?t=abc"));
        using var wire = new MemoryStream();
        mime.WriteTo(wire);

        var text = System.Text.Encoding.ASCII.GetString(wire.ToArray());
        text.Should().Contain("\nList-Unsubscribe: <https://acme.test/u?t=abc>\n")
            .And.Contain("\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n");
    }
}
