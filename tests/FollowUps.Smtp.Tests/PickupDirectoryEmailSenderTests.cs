using System.Text;
using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace FollowUps.Smtp.Tests;

public sealed class PickupDirectoryEmailSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"followups-pickup-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Send_WritesAParseableEmlNamedAfterTheMessageId()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "dev@acme.test", new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero)));
        var email = Emails.Create(1, fromName: "Zoë Łukasiewicz", subject: "Ihre Terminbestätigung ✓", htmlBody: "<p>Grüße</p>");

        var result = await sender.SendAsync(email, Senders.Within());

        result.Status.Should().Be(SendStatus.Sent);
        var path = Path.Combine(_folder, $"{result.ProviderMessageId}.eml");
        Directory.GetFiles(_folder).Should().Equal(path);
        var raw = await File.ReadAllBytesAsync(path);
        raw.Should().OnlyContain(b => b < 0x80, "the file is 7-bit, readable by any relay");
        Encoding.ASCII.GetString(raw).Replace("\r\n", "", StringComparison.Ordinal).Should().NotContain("\n", "every line ends in CRLF");
        using var message = MimeMessage.Load(new MemoryStream(raw));
        message.MessageId.Should().Be(result.ProviderMessageId);
        message.From.Mailboxes.Single().Should().Match<MailboxAddress>(m => m.Name == "Zoë Łukasiewicz" && m.Address == "dev@acme.test");
        message.To.Mailboxes.Single().Address.Should().Be("contact1@example.com");
        message.Subject.Should().Be("Ihre Terminbestätigung ✓");
        message.Date.Should().Be(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));
        message.TextBody.Should().Be(email.TextBody);
        message.HtmlBody.Should().Be("<p>Grüße</p>");
    }

    [Fact]
    public async Task Send_SameFollowUpTwice_OneFileWithTheLatestCopy()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "dev@acme.test", TimeProvider.System);

        await sender.SendAsync(Emails.Create(1, subject: "First"), Senders.Within());
        await sender.SendAsync(Emails.Create(1, subject: "Second"), Senders.Within());

        var file = Directory.GetFiles(_folder).Should().ContainSingle().Subject;
        using var message = MimeMessage.Load(file);
        message.Subject.Should().Be("Second");
    }

    [Fact]
    public async Task Send_LineBreakInSubject_PermanentFailureAndNoFile()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "dev@acme.test", TimeProvider.System);

        var result = await sender.SendAsync(Emails.Create(1, subject: "Hi\r\nBcc: all@example.com"), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        Directory.Exists(_folder).Should().BeFalse();
    }

    [Fact]
    public async Task Send_UnsubscribeUrl_FileHasListUnsubscribeAndOneClickPost()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "dev@acme.test", TimeProvider.System);

        var result = await sender.SendAsync(Emails.Create(1, unsubscribeUrl: "https://acme.test/u?t=abc"), Senders.Within());

        var raw = Encoding.ASCII.GetString(await File.ReadAllBytesAsync(Path.Combine(_folder, $"{result.ProviderMessageId}.eml")));
        raw.Should().Contain("\r\nList-Unsubscribe: <https://acme.test/u?t=abc>\r\n")
            .And.Contain("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    }

    [Fact]
    public async Task Send_HttpUnsubscribeUrl_PermanentFailureAndNoFile()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "dev@acme.test", TimeProvider.System);

        var result = await sender.SendAsync(Emails.Create(1, unsubscribeUrl: "http://acme.test/u"), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        result.Error.Should().Be("The unsubscribe link is not an absolute https URL.");
        Directory.Exists(_folder).Should().BeFalse();
    }

    [Fact]
    public void Constructor_NotAnAddress_Throws()
        => FluentActions.Invoking(() => new PickupDirectoryEmailSender(_folder, "Acme <dev@acme.test>", TimeProvider.System))
            .Should().Throw<ArgumentException>().WithParameterName("fromAddress");
}
