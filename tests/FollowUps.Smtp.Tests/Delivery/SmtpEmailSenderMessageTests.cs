using System.Text;
using FollowUps.Smtp.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>What arrives at a real SMTP server: headers, encodings, bodies, Message-IDs.</summary>
public sealed class SmtpEmailSenderMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Send_Accepted_ServerReceivesFromNameAndAddressToSubjectDateAndMessageId()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server, timeProvider: new FakeTimeProvider(Now));

        var result = await sender.SendAsync(Emails.Create(1, to: "ann@example.com"), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent);
        var received = server.Received.Should().ContainSingle().Subject;
        received.EnvelopeFrom.Should().Be(Senders.FromAddress);
        received.EnvelopeTo.Should().Equal("ann@example.com");
        var from = received.Message.From.Mailboxes.Should().ContainSingle().Subject;
        from.Name.Should().Be("Dana at Acme Dental");
        from.Address.Should().Be(Senders.FromAddress);
        received.Message.To.Mailboxes.Select(m => m.Address).Should().Equal("ann@example.com");
        received.Message.Subject.Should().Be("Thanks for your call (1)");
        received.Message.Date.Should().Be(Now);
        received.Message.MessageId.Should().Be(result.ProviderMessageId).And.MatchRegex("^[0-9a-f]{64}@acme\\.test$");
    }

    [Fact]
    public async Task Send_NoHtmlBody_BodyIsOneTextPlainPart()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        await sender.SendAsync(Emails.Create(1), Senders.Within());

        var body = server.Received.Single().Message.Body.Should().BeOfType<TextPart>().Subject;
        body.ContentType.MimeType.Should().Be("text/plain");
        body.Text.Should().Be("Hi, thanks for talking with us today. Reference 1.");
    }

    [Fact]
    public async Task Send_HtmlBody_BodyIsMultipartAlternativeWithTextThenHtml()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        await sender.SendAsync(Emails.Create(1, htmlBody: "<p>Hi, thanks for <b>talking</b> with us today.</p>"), Senders.Within());

        var message = server.Received.Single().Message;
        var alternative = message.Body.Should().BeOfType<MultipartAlternative>().Subject;
        alternative.Select(p => p.ContentType.MimeType).Should().Equal("text/plain", "text/html");
        message.TextBody.Should().Be("Hi, thanks for talking with us today. Reference 1.");
        message.HtmlBody.Should().Be("<p>Hi, thanks for <b>talking</b> with us today.</p>");
    }

    [Fact]
    public async Task Send_NonAsciiFromNameAndSubject_ArriveRfc2047EncodedAndDecodeExactly()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        var email = Emails.Create(1, fromName: "Zoë Łukasiewicz", subject: "Ihre Terminbestätigung ✓") with { TextBody = "Grüße aus Łódź ✓" };

        await sender.SendAsync(email, Senders.Within());

        var received = server.Received.Single();
        var headers = Encoding.ASCII.GetString(received.Raw[..IndexOfBlankLine(received.Raw)]);
        received.Raw[..IndexOfBlankLine(received.Raw)].Should().OnlyContain(b => b < 0x80, "headers must be 7-bit without SMTPUTF8");
        headers.Should().MatchRegex("(?m)^From: =\\?utf-8\\?[BbQq]\\?").And.MatchRegex("(?m)^Subject: =\\?utf-8\\?[BbQq]\\?", "the whole subject is encoded-words sized for 76-character lines");

        using var parsed = MimeMessage.Load(new MemoryStream(received.Raw));
        parsed.From.Mailboxes.Single().Name.Should().Be("Zoë Łukasiewicz");
        parsed.Subject.Should().Be("Ihre Terminbestätigung ✓");
        parsed.TextBody.Should().Be("Grüße aus Łódź ✓");
    }

    [Fact]
    public async Task Send_SameFollowUpTwice_SameMessageId_OtherFollowUp_OtherMessageId()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        var first = await sender.SendAsync(Emails.Create(1), Senders.Within());
        var again = await sender.SendAsync(Emails.Create(1) with { Subject = "Changed wording" }, Senders.Within());
        var other = await sender.SendAsync(Emails.Create(2), Senders.Within());

        again.ProviderMessageId.Should().Be(first.ProviderMessageId);
        other.ProviderMessageId.Should().NotBe(first.ProviderMessageId);
        server.Received.Select(r => r.Message.MessageId).Should().Equal(first.ProviderMessageId, first.ProviderMessageId, other.ProviderMessageId);
    }

    [Fact]
    public async Task Send_UnsubscribeUrl_ServerReceivesListUnsubscribeAndOneClickPostHeaders()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        const string url = "https://acme.test/unsubscribe?c=contact-1&t=Zm9vYmFy-_.~%2F";

        var result = await sender.SendAsync(Emails.Create(1, htmlBody: "<p>Hi</p>", unsubscribeUrl: url), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent);
        var received = server.Received.Single();
        HeaderLines(received.Raw).Should().ContainSingle(line => line.StartsWith("List-Unsubscribe:", StringComparison.OrdinalIgnoreCase))
            .Which.Should().Be($"List-Unsubscribe: <{url}>");
        HeaderLines(received.Raw).Should().ContainSingle(line => line.StartsWith("List-Unsubscribe-Post:", StringComparison.OrdinalIgnoreCase))
            .Which.Should().Be("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        received.Message.Headers[HeaderId.ListUnsubscribe].Should().Be($"<{url}>");
        received.Message.Headers[HeaderId.ListUnsubscribePost].Should().Be("List-Unsubscribe=One-Click");
        received.Message.Body.Should().BeOfType<MultipartAlternative>("the headers sit on the message, above its parts");
    }

    [Fact]
    public async Task Send_NoUnsubscribeUrl_NeitherListHeader()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        await sender.SendAsync(Emails.Create(1, htmlBody: "<p>Hi</p>"), Senders.Within());

        var received = server.Received.Single();
        HeaderLines(received.Raw).Should().NotContain(line => line.StartsWith("List-", StringComparison.OrdinalIgnoreCase));
        received.Message.Headers.Contains(HeaderId.ListUnsubscribe).Should().BeFalse();
        received.Message.Headers.Contains(HeaderId.ListUnsubscribePost).Should().BeFalse();
    }

    [Fact]
    public async Task Send_UnsubscribeUrlOf900Characters_ArrivesWhole()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        var url = $"https://acme.test/u?t={new string('a', 900 - "https://acme.test/u?t=".Length)}";

        await sender.SendAsync(Emails.Create(1, unsubscribeUrl: url), Senders.Within());

        var received = server.Received.Single();
        received.Message.Headers[HeaderId.ListUnsubscribe].Should().Be($"<{url}>");
        Encoding.ASCII.GetString(received.Raw).Split("\r\n").Should().OnlyContain(line => line.Length <= 998);
    }

    [Fact]
    public async Task Send_HostileButValidText_ArrivesWithOnlyTheExpectedHeadersAndExactText()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        var email = Emails.Create(
            1,
            fromName: "Dana \"The Boss\" <ceo@evil.test>, =?utf-8?q?Mallory?= 👩‍⚕️",
            subject: "Bcc: everyone@example.com =?utf-8?b?SGk=?= ✓ " + new string('x', 1200),
            htmlBody: "<p>Hi</p>\r\n.\r\n<script>alert(1)</script>\nBcc: everyone@example.com",
            unsubscribeUrl: "https://acme.test/u?a=1&b=(2),3;x=%0D%0ABcc:%20all@example.com") with
        {
            TextBody = "Line one\r\n.\r\nQUIT\r\nFrom the start\rlone CR\nBcc: everyone@example.com\r\n\0 and \u001B[31m and 日本",
        };

        var result = await sender.SendAsync(email, Senders.Within());

        result.Status.Should().Be(SendStatus.Sent);
        var received = server.Received.Should().ContainSingle().Subject;
        received.EnvelopeTo.Should().Equal("contact1@example.com");
        var message = received.Message;
        message.Headers.Select(h => h.Field).Should().BeEquivalentTo(
            ["From", "Date", "Subject", "Message-Id", "To", "MIME-Version", "List-Unsubscribe", "List-Unsubscribe-Post"]);
        message.From.Mailboxes.Should().ContainSingle().Which.Name.Should().Be(email.FromName);
        message.Subject.Should().Be(email.Subject);
        message.Headers[HeaderId.ListUnsubscribe].Should().Be($"<{email.UnsubscribeUrl}>");
        message.TextBody.Should().Be("Line one\n.\nQUIT\nFrom the start\nlone CR\nBcc: everyone@example.com\n\0 and \u001B[31m and 日本");
        message.HtmlBody.Should().Be("<p>Hi</p>\n.\n<script>alert(1)</script>\nBcc: everyone@example.com");
    }

    private static string[] HeaderLines(byte[] raw) => Encoding.ASCII.GetString(raw[..IndexOfBlankLine(raw)]).Split("\r\n");

    private static int IndexOfBlankLine(byte[] raw)
    {
        var index = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        index.Should().BePositive("a message has a header section");
        return index;
    }
}
