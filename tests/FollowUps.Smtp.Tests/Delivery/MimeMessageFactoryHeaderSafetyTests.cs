using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;
using MimeKit;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// Property tests: whatever text reaches the factory, either <see cref="MimeMessageFactory.Problem"/> refuses it naming
/// the field, or the message on the wire has exactly the headers it should and decodes back to the same text.
/// </summary>
/// <remarks>
/// The one change allowed is in the bodies' line breaks: each CRLF, lone CR or lone LF may arrive as any line break
/// (SMTP carries CRLF only, MimeKit hands LF back), and one line break may be added at the end. Formally, with N(s) =
/// s with every CRLF and then every CR replaced by LF: N(received) is N(sent) or N(sent) + LF. Every other character,
/// NUL and other controls included, arrives unchanged.
/// </remarks>
public sealed class MimeMessageFactoryHeaderSafetyTests
{
    private const int Iterations = 3000;
    private static readonly MimeMessageFactory Factory = new(Senders.FromAddress, TimeProvider.System);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void Create_AnyText_RefusedNamingTheFieldOrSentWithExactlyTheExpectedHeadersAndDecodedExactly()
    {
        var sent = 0;
        HostileEmails.Any.Sample(email =>
        {
            var problem = MimeMessageFactory.Problem(email);

            if (FirstDefect(email) is { } defect)
            {
                problem.Should().NotBeNull().And.Contain(defect, "the problem names the field that is wrong");
                return;
            }

            problem.Should().BeNull("every field is free of the refused defects");
            Interlocked.Increment(ref sent);
            var raw = Wire(email);
            using var parsed = MimeMessage.Load(new MemoryStream(raw));

            HeaderNames(parsed.Headers).Should().BeEquivalentTo(
                email.UnsubscribeUrl is null
                    ? ["From", "Date", "Subject", "Message-Id", "To", "MIME-Version"]
                    : ["From", "Date", "Subject", "Message-Id", "To", "MIME-Version", "List-Unsubscribe", "List-Unsubscribe-Post"],
                "no header may be added by the text");
            var from = parsed.From.Mailboxes.Should().ContainSingle().Subject;
            from.Name.Should().Be(email.FromName);
            from.Address.Should().Be(Senders.FromAddress);
            parsed.To.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("contact1@example.com");
            parsed.Subject.Should().Be(email.Subject);
            if (email.UnsubscribeUrl is { } link)
            {
                parsed.Headers[HeaderId.ListUnsubscribe].Should().Be($"<{link}>");
                parsed.Headers[HeaderId.ListUnsubscribePost].Should().Be("List-Unsubscribe=One-Click");
            }

            CheckBody(parsed.Body!, email.TextBody, email.HtmlBody);
        }, iter: Iterations);

        sent.Should().BeGreaterThan(Iterations / 5, "enough samples must get past the checks to test the wire format");
    }

    [Fact]
    public void Create_ValidText_EveryWireLineIsSevenBitCrlfTerminatedAndAtMost998Characters()
    {
        HostileEmails.Any.Sample(email =>
        {
            if (MimeMessageFactory.Problem(email) is not null)
            {
                return;
            }

            var raw = Wire(email);

            raw.Should().OnlyContain(b => b < 0x80, "the message is 7-bit, for a server without 8BITMIME");
            var lines = Encoding.ASCII.GetString(raw).Split("\r\n");
            lines.Should().OnlyContain(line => !line.Contains('\r') && !line.Contains('\n'), "SMTP allows CR and LF only together");
            lines.Max(line => line.Length).Should().BeLessThanOrEqualTo(998, "RFC 5322 limits a line to 998 characters");
        }, iter: Iterations);
    }

    /// <summary>The message as written to the wire for a server without 8BITMIME, the strictest case.</summary>
    private static byte[] Wire(EmailMessage email)
    {
        using var mime = Factory.Create(email);
        mime.Prepare(EncodingConstraint.SevenBit);
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        using var wire = new MemoryStream();
        mime.WriteTo(format, wire);
        return wire.ToArray();
    }

    /// <summary>The field the factory must refuse, in the order it checks them, worked out independently of it; or null.</summary>
    private static string? FirstDefect(EmailMessage email)
    {
        if (IsRefusedHeaderText(email.FromName))
        {
            return "from name";
        }

        if (IsRefusedHeaderText(email.Subject))
        {
            return "subject";
        }

        if (!IsUnicode(email.TextBody))
        {
            return "text body";
        }

        if (email.HtmlBody is { } html && !IsUnicode(html))
        {
            return "HTML body";
        }

        return email.UnsubscribeUrl is { } link && !IsSafeHttpsLink(link) ? "unsubscribe link" : null;

        static bool IsRefusedHeaderText(string text)
            => text.Any(char.IsControl) || !IsUnicode(text) || (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])));
    }

    private static bool IsUnicode(string text)
    {
        try
        {
            StrictUtf8.GetBytes(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The documented rule: an absolute https URL of at most 900 printable ASCII characters, no '&lt;', '&gt;' or "=?".</summary>
    private static bool IsSafeHttpsLink(string link)
        => link.Length <= 900
            && Regex.IsMatch(link, "^https://[!-~]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            && !link.Contains('<') && !link.Contains('>') && !link.Contains("=?", StringComparison.Ordinal)
            && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;

    private static void CheckBody(MimeEntity body, string text, string? html)
    {
        if (html is null)
        {
            var part = body.Should().BeOfType<TextPart>().Subject;
            CheckPart(part, "text/plain", text);
            return;
        }

        var alternative = body.Should().BeOfType<MultipartAlternative>().Subject;
        HeaderNames(alternative.Headers).Should().Equal("Content-Type");
        alternative.Should().HaveCount(2);
        CheckPart(alternative[0].Should().BeOfType<TextPart>().Subject, "text/plain", text);
        CheckPart(alternative[1].Should().BeOfType<TextPart>().Subject, "text/html", html);
    }

    private static void CheckPart(TextPart part, string mimeType, string sent)
    {
        part.ContentType.MimeType.Should().Be(mimeType);
        HeaderNames(part.Headers).Should().BeSubsetOf(["Content-Type", "Content-Transfer-Encoding"]).And.Contain("Content-Type").And.OnlyHaveUniqueItems();
        var received = LineBreaksAsLf(part.Text);
        received.Should().BeOneOf(LineBreaksAsLf(sent), LineBreaksAsLf(sent) + "\n");
    }

    private static string LineBreaksAsLf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static List<string> HeaderNames(HeaderList headers) => [.. headers.Select(h => h.Field)];
}
