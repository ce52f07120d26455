using System.Text;
using CsCheck;
using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;
using MimeKit;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// Every address the core accepts gets its email: IDN domains (which the core hands over in xn-- form) through any
/// server; a Unicode local part through a server that offers SMTPUTF8, and otherwise a permanent failure that says why.
/// </summary>
public sealed class InternationalAddressTests : IDisposable
{
    /// <summary>
    /// With SMTPUTF8, MailKit names an IDN domain in RCPT TO in Unicode (RFC 6531 allows it), and the SmtpServer package
    /// reads the domain of an envelope address as ASCII, turning each non-ASCII byte into '?'; so only the local part of
    /// such an envelope address can be compared. The To header shows the whole address.
    /// </summary>
    private const string EnvelopeDomainInUtf8 = "the test server cannot read a UTF-8 domain in RCPT TO";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"followups-idn-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Ida@Bücher.example", "ida@xn--bcher-kva.example")]
    [InlineData("ann@XN--BCHER-KVA.example", "ann@xn--bcher-kva.example")]
    [InlineData("kim@mail.日本.test", "kim@mail.xn--wgv71a.test")]
    public async Task Send_IdnDomainAsTheCoreNormalisesIt_SentToTheSameAddress(string contact, string normalised)
    {
        CoreAddresses.Normalize(contact).Should().Be(normalised, "this is the address the engine hands the sender");
        await using var server = await LoopbackSmtpServer.StartAsync(new LoopbackSmtpServerOptions { AdvertiseSmtpUtf8 = false });
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1, to: normalised), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent, result.Error);
        var received = server.Received.Should().ContainSingle().Subject;
        received.EnvelopeTo.Should().Equal(normalised);
        received.SmtpUtf8.Should().BeFalse("an ASCII local part with an xn-- domain needs no SMTPUTF8");
        ToHeaderLine(received.Raw).Should().Be($"To: {normalised}");
    }

    [Fact]
    public async Task PickupSend_IdnDomain_WritesTheMessageToTheSameAddress()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "dev@acme.test", TimeProvider.System);

        var result = await sender.SendAsync(Emails.Create(1, to: "ida@xn--bcher-kva.example"), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent, result.Error);
        var raw = await File.ReadAllBytesAsync(Directory.GetFiles(_folder).Single());
        raw.Should().OnlyContain(b => b < 0x80);
        ToHeaderLine(raw).Should().Be("To: ida@xn--bcher-kva.example");
    }

    [Fact]
    public async Task Send_UnicodeLocalPartToServerWithSmtpUtf8_SentWithSmtpUtf8AndUtf8Headers()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1, to: "josé@xn--bcher-kva.example", subject: "Grüße"), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent, result.Error);
        var received = server.Received.Should().ContainSingle().Subject;
        received.SmtpUtf8.Should().BeTrue("MAIL FROM must ask for SMTPUTF8 (RFC 6531)");
        received.EnvelopeTo.Should().ContainSingle().Which.Should().StartWith("josé@", EnvelopeDomainInUtf8);
        var to = received.Message.To.Mailboxes.Should().ContainSingle().Subject;
        CoreAddresses.SameAddress(to.Address, "josé@xn--bcher-kva.example").Should().BeTrue(to.Address);
        received.Message.Subject.Should().Be("Grüße");
    }

    [Fact]
    public async Task Send_UnicodeLocalPartToServerWithoutSmtpUtf8_PermanentFailureNamingSmtpUtf8AndNothingSent()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(new LoopbackSmtpServerOptions { AdvertiseSmtpUtf8 = false });
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1, to: "josé@example.com"), Senders.Within());
        var next = await sender.SendAsync(Emails.Create(2), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        result.Error.Should().Contain("SMTPUTF8").And.Contain("not ASCII").And.NotContain("not a valid email address").And.NotContain("josé");
        next.Status.Should().Be(SendStatus.Sent, "the connection is still good for the next message");
        server.Received.Should().ContainSingle().Which.EnvelopeTo.Should().Equal("contact2@example.com");
    }

    [Fact]
    public async Task PickupSend_UnicodeLocalPart_WritesAnInternationalisedMessage()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "dev@acme.test", TimeProvider.System);

        var result = await sender.SendAsync(Emails.Create(1, to: "josé@example.com", subject: "Grüße"), Senders.Within());

        result.Status.Should().Be(SendStatus.Sent, result.Error);
        var raw = await File.ReadAllBytesAsync(Directory.GetFiles(_folder).Single());
        ToHeaderLine(raw).Should().Be("To: josé@example.com", "RFC 6532 carries the address in UTF-8");
        using var message = MimeMessage.Load(new MemoryStream(raw));
        message.To.Mailboxes.Single().Address.Should().Be("josé@example.com");
        message.Subject.Should().Be("Grüße");
    }

    [Fact]
    public async Task Send_LocalPartEndingInADot_RefusedBeforeSending()
    {
        // The core refuses it too (no engine sends to it); a sender used on its own still must not.
        CoreAddresses.Normalize("taro.@example.com").Should().BeNull();
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);

        var result = await sender.SendAsync(Emails.Create(1, to: "taro.@example.com"), Senders.Within());

        result.Status.Should().Be(SendStatus.PermanentFailure);
        server.Received.Should().BeEmpty();
    }

    [Fact]
    public void IsAddress_EveryAddressTheCoreAccepts_Accepted()
    {
        var accepted = 0;
        CoreAddresses.Raw.Sample(raw =>
        {
            if (CoreAddresses.Normalize(raw) is not { } address)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            MimeMessageFactory.IsAddress(address).Should().BeTrue($"the core accepts {raw} as {address}");
        }, iter: 3000);

        accepted.Should().BeGreaterThan(1000, "most generated addresses are ones the core accepts");
    }

    [Fact]
    public async Task PickupSend_EveryAddressTheCoreAccepts_WrittenToTheSameAddress()
    {
        var sender = new PickupDirectoryEmailSender(_folder, "dev@acme.test", TimeProvider.System);
        await CoreAddresses.Raw.SampleAsync(async raw =>
        {
            if (CoreAddresses.Normalize(raw) is not { } address)
            {
                return;
            }

            var result = await sender.SendAsync(Emails.Create(1, to: address), Senders.Within());

            result.Status.Should().Be(SendStatus.Sent, $"{address}: {result.Error}");
            using var message = MimeMessage.Load(Path.Combine(_folder, $"{result.ProviderMessageId}.eml"));
            var to = message.To.Mailboxes.Should().ContainSingle().Subject;
            CoreAddresses.SameAddress(to.Address, address).Should().BeTrue($"{to.Address} is {address}");
        }, iter: 300, threads: 1);
    }

    [Fact]
    public async Task Send_EveryAddressTheCoreAccepts_SentToTheSameAddress()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await using var sender = Senders.Create(server);
        await CoreAddresses.Raw.SampleAsync(async raw =>
        {
            if (CoreAddresses.Normalize(raw) is not { } address)
            {
                return;
            }

            var result = await sender.SendAsync(Emails.Create(1, to: address), Senders.Within());

            result.Status.Should().Be(SendStatus.Sent, $"{address}: {result.Error}");
            var received = server.Received[^1];
            var envelopeTo = received.EnvelopeTo.Should().ContainSingle().Subject;
            if (received.SmtpUtf8)
            {
                envelopeTo.Should().StartWith(address[..(address.LastIndexOf('@') + 1)], EnvelopeDomainInUtf8);
            }
            else
            {
                envelopeTo.Should().Be(address);
            }

            var to = received.Message.To.Mailboxes.Should().ContainSingle().Subject;
            CoreAddresses.SameAddress(to.Address, address).Should().BeTrue($"{to.Address} is {address}");
        }, iter: 200, threads: 1);
    }

    /// <summary>The To header line as written, read as UTF-8.</summary>
    private static string ToHeaderLine(byte[] raw)
        => Encoding.UTF8.GetString(raw).Split("\r\n").Single(line => line.StartsWith("To:", StringComparison.Ordinal));
}
