using BenchmarkDotNet.Attributes;
using FollowUps.Templates;

namespace FollowUps.Benchmarks;

/// <summary>
/// Counting segments, smart encoding and composing an SMS within its budget, beside <c>string.Length</c>, the least a
/// sender could do. Per text, over a batch of 64 conversation-summary texts: GSM-7 ones of 1 to 3 segments, the same
/// with one emoji (UCS-2), and the same with curly quotes and dashes (smart encoding turns them back into GSM-7).
/// </summary>
[MemoryDiagnoser]
public class SmsTextBenchmarks
{
    private const int Batch = 64;

    private const string Summary =
        "Your crown's settling in well - mild sensitivity to cold is normal for one to two weeks: use a sensitive " +
        "toothpaste, avoid very cold drinks, and call us if it gets worse.";

    private static readonly string[] Gsm7Texts = [.. Enumerable.Range(0, Batch).Select(i =>
        $"Hi Tom, thanks for speaking with Dana from Acme Dental. Quick recap: {Summary[..(40 + (i * 3 % (Summary.Length - 40)))]}\n{SmsTemplates.OptOutLine}")];

    private static readonly string[] Ucs2Texts = [.. Gsm7Texts.Select(t => t.Replace("Hi Tom,", "Hi Tom \U0001F600,", StringComparison.Ordinal))];

    private static readonly string[] CurlyTexts = [.. Gsm7Texts.Select(t => t.Replace('\'', '\u2019').Replace(" - ", " \u2014 ", StringComparison.Ordinal))];

    private readonly SmsSlotValues _slots = new()
    {
        FirstName = "Tom",
        SenderName = "Dana",
        BrandName = "Acme Dental",
        Summary = Summary + " " + Summary + " " + Summary,
    };

    [GlobalSetup]
    public void CheckTheTexts()
    {
        var composed = SmsComposer.Compose(SmsTemplateKind.ConversationSummary, _slots, 2);
        if (Gsm7Texts.Any(t => SmsText.Measure(t).Encoding != SmsEncoding.Gsm7)
            || Ucs2Texts.Any(t => SmsText.Measure(t).Encoding != SmsEncoding.Ucs2)
            || !CurlyTexts.Select(SmsText.SmartEncode).SequenceEqual(Gsm7Texts)
            || !composed.FitsBudget || composed.Measure.Segments != 2)
        {
            throw new InvalidOperationException($"The benchmark texts are not what their names say: {composed.Measure}.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int StringLength()
    {
        var total = 0;
        foreach (var text in Gsm7Texts)
        {
            total += text.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int MeasureGsm7() => MeasureAll(Gsm7Texts);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int MeasureUcs2() => MeasureAll(Ucs2Texts);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SmartEncodeNothingToReplace() => SmartEncodeAll(Gsm7Texts);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SmartEncodeCurlyQuotes() => SmartEncodeAll(CurlyTexts);

    /// <summary>A summary three times too long for 2 segments: rendered, measured and shortened until it fits.</summary>
    [Benchmark]
    public string ComposeShortenedToTwoSegments() => SmsComposer.Compose(SmsTemplateKind.ConversationSummary, _slots, 2).Text;

    [Benchmark]
    public string RenderWithoutBudget() => SmsRenderer.Render(SmsTemplateKind.ConversationSummary, _slots);

    private static int MeasureAll(string[] texts)
    {
        var total = 0;
        foreach (var text in texts)
        {
            total += SmsText.Measure(text).Segments;
        }

        return total;
    }

    private static int SmartEncodeAll(string[] texts)
    {
        var total = 0;
        foreach (var text in texts)
        {
            total += SmsText.SmartEncode(text).Length;
        }

        return total;
    }
}
