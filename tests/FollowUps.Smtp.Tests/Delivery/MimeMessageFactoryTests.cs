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
}
