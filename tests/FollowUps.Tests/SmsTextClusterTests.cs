using System.Globalization;
using System.Text;
using CsCheck;
using FollowUps.Internal;

namespace FollowUps.Tests;

/// <summary>
/// A character as a person sees it (a grapheme cluster: 👍🏽, a family emoji, a flag, a keycap, e + an accent) is
/// never split between UCS-2 segments, as Twilio's segment calculator counts them.
/// </summary>
public sealed class SmsTextClusterTests
{
    /// <summary>Clusters of 2 to 8 code units, each more than one code point.</summary>
    public static TheoryData<string, string> Clusters => new()
    {
        { "thumbs up, medium skin tone (4 units)", "👍🏽" },
        { "family, ZWJ sequence (8 units)", "👩‍👩‍👧" },
        { "flag of the US, two regional indicators (4 units)", "🇺🇸" },
        { "keycap 1 (3 units)", "1\uFE0F\u20E3" },
        { "e + combining acute (2 units)", "e\u0301" },
        { "heart + variation selector (2 units)", "\u2764\uFE0F" },
        { "Hangul jamo L + V + T (3 units)", "\u1100\u1161\u11A8" },
    };

    /// <summary>Clusters and their neighbours: what generated texts are made of.</summary>
    private static readonly Gen<string> Piece = Gen.OneOf(
        "ł", "a", " ", "\r\n", "\r", "\n", "😀", "👍", "👍🏽", "🏽", "👩‍👩‍👧", "\u200D", "🇺🇸", "🇵🇱", "🇺", "1\uFE0F\u20E3", "#\u20E3", "\u20E3",
        "e\u0301", "\u0301", "\u2764\uFE0F", "\uFE0F", "\u1100\u1161\u11A8", "\u1100", "\u1161", "\u11A8", "\uAC00", "\u0600",
        "\u0915\u094D\u0915", "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "日本", "Zoë", "\U0001D400");

    private static readonly Gen<string> ClusterHeavy = Piece.Array[0, 120].Select(parts => string.Concat(parts));

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Measure_ClusterAtTheSingleSegmentLimit_FitsOrMovesWhole(string shape, string cluster)
    {
        SmsText.Measure(L(70 - cluster.Length) + cluster).Segments.Should().Be(1, shape);
        SmsText.Measure(L(71 - cluster.Length) + cluster).Segments.Should().Be(2, shape);
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Measure_ClusterStraddlingUnit67_MovesWholeToSegment2(string shape, string cluster)
    {
        // Every place where the cluster would be cut: after its first code unit, its second, ...
        for (var before = 68 - cluster.Length; before <= 66; before++)
        {
            var straddling = L(before) + cluster + L(134 - before - cluster.Length);

            SmsText.Measure(straddling).Should().BeEquivalentTo(new { Encoding = SmsEncoding.Ucs2, Length = 134, Segments = 3 }, "{0} after {1} units", shape, before);
        }

        SmsText.Measure(L(67 - cluster.Length) + cluster + L(67)).Should().BeEquivalentTo(new { Length = 134, Segments = 2 }, shape);
        SmsText.Measure(L(67) + cluster + L(67 - cluster.Length)).Should().BeEquivalentTo(new { Length = 134, Segments = 2 }, shape);
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Measure_ClusterStraddlingUnit134_MovesWholeToSegment3(string shape, string cluster)
    {
        for (var before = 135 - cluster.Length; before <= 133; before++)
        {
            var straddling = L(before) + cluster + L(201 - before - cluster.Length);

            SmsText.Measure(straddling).Should().BeEquivalentTo(new { Length = 201, Segments = 4 }, "{0} after {1} units", shape, before);
        }

        SmsText.Measure(L(134 - cluster.Length) + cluster + L(67)).Should().BeEquivalentTo(new { Length = 201, Segments = 3 }, shape);
    }

    [Fact]
    public void Measure_CrLfAcrossTheBoundary_IsTwoCharactersAsTheCalculatorCountsThem()
    {
        // .NET and Unicode make CR LF one cluster; Twilio's calculator splits it, so a CR may end a segment.
        SmsText.Measure(L(66) + "\r\n" + L(66)).Segments.Should().Be(2);
    }

    [Fact]
    public void Measure_ClusterLongerThanASegment_StartsANewOneAndIsSplitByCodePoints()
    {
        var zalgo = "e" + new string('\u0301', 99);

        SmsText.Measure("ł" + zalgo).Segments.Should().Be(3, "ł alone, then 67 + 33 units of the cluster");
        SmsText.Measure(zalgo + "ł").Segments.Should().Be(2, "67 + 33 units of the cluster, then ł");
    }

    [Fact]
    public void Measure_TextsMixingClusters_CountsAsTheCalculator()
    {
        ClusterHeavy.Sample(text =>
        {
            var expected = CalculatorSegments(text);
            if (expected is { } segments && SmsText.Measure(text).Encoding == SmsEncoding.Ucs2)
            {
                SmsText.Measure(text).Segments.Should().Be(segments, "\"{0}\"", text);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Measure_AnyText_CountsAsTheCalculator()
    {
        SmsTextTests.AnyText.Sample(text =>
        {
            var expected = CalculatorSegments(text);
            if (expected is { } segments && SmsText.Measure(text).Encoding == SmsEncoding.Ucs2)
            {
                SmsText.Measure(text).Segments.Should().Be(segments);
            }
        }, iter: 5_000);
    }

    /// <summary>The fast path (no code point that can join a cluster) counts what segmenting every cluster counts.</summary>
    [Fact]
    public void Count_AnyText_FastPathAgreesWithTheClusterPath()
    {
        var anyCodePoint = Gen.Int[0, 0x10FFFF].Where(Rune.IsValid).Select(c => char.ConvertFromUtf32(c));
        var anyCodePoints = Gen.OneOf(anyCodePoint, Gen.OneOf("ł", "a", " ", "😀", "日")).Array[0, 200].Select(parts => string.Concat(parts));
        Gen.OneOf(SmsTextTests.AnyText, ClusterHeavy, anyCodePoints).Sample(text =>
        {
            Ucs2Segments.Count(text, SmsText.Ucs2MultiSegment).Should().Be(Ucs2Segments.ByClusters(text, SmsText.Ucs2MultiSegment));
        }, iter: 10_000);
    }

    [Fact]
    public void MayJoin_NoAsciiCharacter_SoTheFastPathSkipsAsciiUnread()
    {
        Enumerable.Range(0, 0x80).Where(ClusterJoiners.MayJoin).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0x0301)] // combining acute
    [InlineData(0x200D)] // zero-width joiner
    [InlineData(0xFE0F)] // variation selector 16
    [InlineData(0x20E3)] // combining enclosing keycap
    [InlineData(0x1F3FD)] // skin tone
    [InlineData(0x1F1FA)] // regional indicator U
    [InlineData(0xE0067)] // tag g
    [InlineData(0x1100)] // Hangul L jamo
    [InlineData(0x1161)] // Hangul V jamo
    [InlineData(0x11A8)] // Hangul T jamo
    [InlineData(0x0600)] // Arabic number sign (prepended)
    [InlineData(0x0903)] // Devanagari visarga (spacing mark)
    public void MayJoin_CodePointsThatExtendOrJoinClusters_AreFlagged(int codePoint)
    {
        ClusterJoiners.MayJoin(codePoint).Should().BeTrue();
    }

    [Theory]
    [InlineData(0x0142)] // ł
    [InlineData(0xAC00)] // a Hangul syllable
    [InlineData(0x1F600)] // 😀
    [InlineData(0x1F44D)] // 👍
    [InlineData(0x65E5)] // 日
    [InlineData(0xD83D)] // a lone surrogate
    public void MayJoin_CodePointsThatStandAlone_AreNotFlagged(int codePoint)
    {
        ClusterJoiners.MayJoin(codePoint).Should().BeFalse();
    }

    /// <summary>
    /// Twilio's message-segment-calculator, restated: grapheme clusters (CR LF as two) are added one by one to
    /// segments of 140 octets; when one does not fit, a new segment starts, and the first, which had no
    /// user-data header, gets its 6 octets and hands the clusters that no longer fit to the second. Every
    /// character is 2 octets in UCS-2. <see langword="null"/> for a text the calculator cannot count (a cluster
    /// longer than a segment, which it leaves in an over-full segment of its own).
    /// </summary>
    private static int? CalculatorSegments(string text)
    {
        const int octets = 140, header = 6;
        var clusters = new List<int>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            clusters.AddRange(element == "\r\n" ? [2, 2] : [2 * element.Length]);
        }

        if (clusters.Any(size => size > octets - header))
        {
            return null;
        }

        var segments = new List<List<int>> { new() };
        var withHeader = new List<bool> { false };
        foreach (var size in clusters)
        {
            var current = segments[^1];
            if (octets - current.Sum() - (withHeader[^1] ? header : 0) < size)
            {
                var next = new List<int>();
                if (!withHeader[^1])
                {
                    withHeader[^1] = true;
                    while (octets - current.Sum() - header < 0)
                    {
                        next.Insert(0, current[^1]);
                        current.RemoveAt(current.Count - 1);
                    }
                }

                segments.Add(next);
                withHeader.Add(true);
            }

            segments[^1].Add(size);
        }

        return text.Length == 0 ? 0 : segments.Count;
    }

    private static string L(int count) => new('ł', count);
}
