using BenchmarkDotNet.Attributes;
using FollowUps.Templates;

namespace FollowUps.Benchmarks;

/// <summary>
/// Counting segments and composing an SMS within its budget, beside <c>string.Length</c>, the least a sender could do.
/// The texts are a 2-segment GSM-7 conversation summary and the same text in UCS-2 (one emoji).
/// </summary>
[MemoryDiagnoser]
public class SmsTextBenchmarks
{
    private const string Summary =
        "Your crown's settling in well - mild sensitivity to cold is normal for one to two weeks: use a sensitive " +
        "toothpaste, avoid very cold drinks, and call us if it gets worse or if it hurts when you bite down.";

    private static readonly string Gsm7Text =
        $"Hi Tom, thanks for speaking with Dana from Acme Dental. Here is a recap of our call: {Summary}\n{SmsTemplates.OptOutLine}";

    private static readonly string Ucs2Text = Gsm7Text.Replace("Hi Tom,", "Hi Tom \U0001F600,", StringComparison.Ordinal);

    private static readonly string CurlyText = Gsm7Text.Replace('\'', '\u2019').Replace(" - ", " \u2014 ", StringComparison.Ordinal);

    private readonly SmsSlotValues _slots = new()
    {
        FirstName = "Tom",
        SenderName = "Dana",
        BrandName = "Acme Dental",
        Summary = Summary + " " + Summary,
    };

    [GlobalSetup]
    public void CheckTheTexts()
    {
        if (SmsText.Measure(Gsm7Text) is not { Encoding: SmsEncoding.Gsm7, Segments: 2 }
            || SmsText.Measure(Ucs2Text).Encoding != SmsEncoding.Ucs2
            || SmsText.SmartEncode(CurlyText) != Gsm7Text
            || SmsText.Measure(ComposeShortenedToTwoSegments()).Segments != 2)
        {
            throw new InvalidOperationException("The benchmark texts are not what their names say.");
        }
    }

    [Benchmark(Baseline = true)]
    public int StringLength() => Gsm7Text.Length;

    [Benchmark]
    public int MeasureGsm7() => SmsText.Measure(Gsm7Text).Segments;

    [Benchmark]
    public int MeasureUcs2() => SmsText.Measure(Ucs2Text).Segments;

    [Benchmark]
    public string SmartEncodeNothingToReplace() => SmsText.SmartEncode(Gsm7Text);

    [Benchmark]
    public string SmartEncodeCurlyQuotes() => SmsText.SmartEncode(CurlyText);

    /// <summary>A summary twice too long for 2 segments: rendered, measured and shortened until it fits.</summary>
    [Benchmark]
    public string ComposeShortenedToTwoSegments() => SmsComposer.Compose(SmsTemplateKind.ConversationSummary, _slots, 2).Text;

    [Benchmark]
    public string RenderWithoutBudget() => SmsRenderer.Render(SmsTemplateKind.ConversationSummary, _slots);
}
