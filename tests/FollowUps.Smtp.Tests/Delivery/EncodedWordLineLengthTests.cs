using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.Tests.Support;
using MimeKit;

namespace FollowUps.Smtp.Tests.Delivery;

/// <summary>
/// RFC 2047 section 2: a header line that holds an encoded-word is at most 76 characters, the field name included; and
/// a subject or from name is split into encoded-words at a space when one is near (within 15 bytes of where the word
/// would be full), since some mail clients show a split inside a word.
/// </summary>
public sealed partial class EncodedWordLineLengthTests
{
    private const int Iterations = 2000;
    private static readonly MimeMessageFactory Factory = new(Senders.FromAddress, TimeProvider.System);

    private static readonly string[] Pieces =
    [
        "Thanks", "for", "your", "call", "appointment", "Acme", "Dental", "Terminbestätigung", "Grüße", "für", "日本語の件名",
        "Ωμέγα", "😀", "👩‍⚕️", "🇩🇪", "é", "e\u0301", "=?", "?=", "=?utf-8?b?QQ==?=", "\"", "<", ">", "@", ",", ";", "(", ")",
        new string('x', 120), new string('é', 80), new string('日', 50), string.Concat(Enumerable.Repeat("😀", 30)),
    ];

    /// <summary>Header text: words from <see cref="Pieces"/> and random characters, run together or with one or many spaces.</summary>
    private static readonly Gen<string> HeaderTextGen = Gen.Select(
            Gen.OneOf(Gen.OneOf(Pieces), Gen.Char[' ', '\u07FF'].Where(c => !char.IsControl(c)).Select(c => c.ToString())),
            Gen.OneOf("", " ", " ", "   "),
            (piece, gap) => piece + gap)
        .Array[1, 30]
        .Select(parts => string.Concat(parts).Trim());

    [Fact]
    public void Create_AnySubjectAndFromName_EveryEncodedWordLineAtMost76AndDecodedExactly()
    {
        var encoded = 0;
        Gen.Select(HeaderTextGen, HeaderTextGen).Sample((subject, fromName) =>
        {
            var email = Emails.Create(1, fromName: fromName, subject: subject);
            MimeMessageFactory.Problem(email).Should().BeNull();

            var raw = Wire(email);

            var lines = HeaderSection(raw);
            lines.Where(line => line.Contains("=?", StringComparison.Ordinal))
                .Should().NotContain(line => line.Length > 76, "RFC 2047 limits a line with an encoded-word to 76 characters:\n" + string.Join("\n", lines));
            if (lines.Any(line => line.Contains("=?", StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref encoded);
            }

            using var parsed = MimeMessage.Load(new MemoryStream(raw));
            parsed.Subject.Should().Be(subject);
            parsed.From.Mailboxes.Should().ContainSingle().Which.Name.Should().Be(fromName);
        }, iter: Iterations);

        encoded.Should().BeGreaterThan(Iterations / 2, "most samples need encoded-words");
    }

    public static TheoryData<string, string[]> SubjectSplits => new()
    {
        // 39 bytes fit on the first line after "Subject: "; the last space in them is 10 bytes back: split there.
        { "Ihre Terminbestätigung für Donnerstag, den 12. November um 14:30 Uhr bei Acme Dental", ["Ihre Terminbestätigung für ", "Donnerstag, den 12. November um 14:30 Uhr ", "bei Acme Dental"] },
        // The only space is 31 bytes back: no space is near, so the word is split where it is full.
        { "Grüße " + new string('x', 60), ["Grüße " + new string('x', 31), new string('x', 29)] },
        // A space that leaves exactly 15 bytes unused is near; one that leaves 16 is not.
        { "é" + new string('a', 21) + " " + new string('b', 30), ["é" + new string('a', 21) + " ", new string('b', 30)] },
        { "é" + new string('a', 20) + " " + new string('b', 30), ["é" + new string('a', 20) + " " + new string('b', 16), new string('b', 14)] },
        // Many spaces: the split falls after the last of them.
        { "Grüße an alle Freunde,     " + new string('y', 30), ["Grüße an alle Freunde,     ", new string('y', 30)] },
    };

    [Theory]
    [MemberData(nameof(SubjectSplits))]
    public void Create_LongSubject_SplitIntoEncodedWordsAtANearSpace(string subject, string[] words)
    {
        var raw = Wire(Emails.Create(1, subject: subject));

        DecodedWords(raw, "Subject").Should().Equal(words);
    }

    [Fact]
    public void Create_FromNameOfEmojiSequences_NeverSplitsOneCharacterAsSeen()
    {
        const string doctor = "👩‍⚕️"; // four code points, 13 bytes: one character as seen
        var raw = Wire(Emails.Create(1, fromName: string.Concat(Enumerable.Repeat(doctor, 5))));

        DecodedWords(raw, "From").Should().Equal(doctor + doctor + doctor, doctor + doctor);
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

    private static List<string> HeaderSection(byte[] raw)
        => [.. Encoding.UTF8.GetString(raw).Split("\r\n").TakeWhile(line => line.Length > 0)];

    /// <summary>The text of each encoded-word of the header <paramref name="field"/>, in order.</summary>
    private static List<string> DecodedWords(byte[] raw, string field)
    {
        var lines = HeaderSection(raw);
        var start = lines.FindIndex(line => line.StartsWith(field + ":", StringComparison.Ordinal));
        var value = string.Concat(lines.Skip(start).Take(1).Concat(lines.Skip(start + 1).TakeWhile(line => line.StartsWith(' '))));
        return [.. EncodedWord().Matches(value).Select(match => Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[1].Value)))];
    }

    [GeneratedRegex(@"=\?utf-8\?b\?([A-Za-z0-9+/=]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
