using System.Buffers;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace FollowUps.Benchmarks;

/// <summary>
/// <see cref="SmsText.Measure"/> on UCS-2 texts now that grapheme clusters stay whole, against the Measure from before
/// (only surrogate pairs kept whole), copied here as the baseline. Per text, over a batch of 64 conversation-summary
/// texts of 1 to 3 segments: with one plain emoji (the fast path), and with a thumbs-up in a skin tone and an accent
/// typed as a combining mark (the cluster path).
/// </summary>
[MemoryDiagnoser]
public class SmsTextClusterBenchmarks
{
    private const int Batch = 64;

    private const string Summary =
        "Your crown's settling in well - mild sensitivity to cold is normal for one to two weeks: use a sensitive " +
        "toothpaste, avoid very cold drinks, and call us if it gets worse.";

    private static readonly string[] EmojiTexts = [.. Enumerable.Range(0, Batch).Select(i =>
        $"Hi Tom \U0001F600, thanks for speaking with Dana from Acme Dental. Quick recap: {Summary[..(40 + (i * 3 % (Summary.Length - 40)))]}\nReply STOP to opt out.")];

    private static readonly string[] ClusterTexts = [.. EmojiTexts.Select(t => t.Replace("Quick", "\U0001F44D\U0001F3FD Qu\u0301ick", StringComparison.Ordinal))];

    [GlobalSetup]
    public void CheckTheTexts()
    {
        if (EmojiTexts.Concat(ClusterTexts).Any(t => SmsText.Measure(t).Encoding != SmsEncoding.Ucs2)
            || EmojiTexts.Any(t => !SmsText.Measure(t).Equals(SurrogatePairsOnly.Measure(t)))
            || EmojiTexts.Select(t => SmsText.Measure(t).Segments).Distinct().Count() < 2)
        {
            throw new InvalidOperationException(
                $"The benchmark texts are not what their names say: {string.Join(", ", EmojiTexts.Select(t => SmsText.Measure(t).Segments).Distinct())}.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int MeasureBeforeEmoji() => MeasureAll(EmojiTexts, SurrogatePairsOnly.Measure);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int MeasureEmoji() => MeasureAll(EmojiTexts, SmsText.Measure);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int MeasureBeforeClusters() => MeasureAll(ClusterTexts, SurrogatePairsOnly.Measure);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int MeasureClusters() => MeasureAll(ClusterTexts, SmsText.Measure);

    private static int MeasureAll(string[] texts, Func<string, SmsMeasure> measure)
    {
        var total = 0;
        foreach (var text in texts)
        {
            total += measure(text).Segments;
        }

        return total;
    }

    /// <summary>The UCS-2 measure as it was before grapheme clusters were kept whole (FollowUps 8664bce).</summary>
    private static class SurrogatePairsOnly
    {
        private static readonly SearchValues<char> Gsm7 = SearchValues.Create(
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
            "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà" + "\f^{}\\[~]|€");

        public static SmsMeasure Measure(string text)
        {
            var segments = text.Length switch
            {
                <= 70 => 1,
                _ when text.AsSpan().IndexOfAnyInRange('\uD800', '\uDBFF') < 0 => (text.Length + 66) / 67,
                _ => Pack(text, 67, (text, i) => char.IsSurrogatePair(text, i) ? 2 : 1),
            };

            return new SmsMeasure { Encoding = SmsEncoding.Ucs2, Length = text.Length, Segments = segments, Ucs2Characters = NotInGsm7(text) };
        }

        private static int Pack(string text, int perSegment, Func<string, int, int> widthAt)
        {
            var (segments, used) = (1, 0);
            for (var i = 0; i < text.Length;)
            {
                var width = widthAt(text, i);
                if (used + width > perSegment)
                {
                    (segments, used) = (segments + 1, 0);
                }

                used += width;
                i += width == 2 && char.IsHighSurrogate(text[i]) ? 2 : 1;
            }

            return segments;
        }

        private static string[] NotInGsm7(string text)
        {
            var found = new List<string>();
            var span = text.AsSpan();
            var done = 0;
            for (var next = span.IndexOfAnyExcept(Gsm7); next >= 0;)
            {
                var start = next > done && StringInfo.GetNextTextElementLength(span[(next - 1)..]) > 1 ? next - 1 : next;
                var element = span.Slice(start, StringInfo.GetNextTextElementLength(span[start..]));
                if (!Contains(found, element))
                {
                    found.Add(element.ToString());
                }

                done = start + element.Length;
                var after = span[done..].IndexOfAnyExcept(Gsm7);
                next = after < 0 ? -1 : done + after;
            }

            return [.. found];
        }

        private static bool Contains(List<string> found, ReadOnlySpan<char> element)
        {
            foreach (var f in found)
            {
                if (element.SequenceEqual(f))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
