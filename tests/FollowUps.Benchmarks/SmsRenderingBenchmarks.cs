using BenchmarkDotNet.Attributes;
using FollowUps.Templates;
using Scriban;
using Scriban.Runtime;

namespace FollowUps.Benchmarks;

/// <summary>
/// What rendering a fixed template costs: the library's renderer (the template compiled once to literals and slots,
/// filled with one string.Create), Scriban as the library used it before (one TemplateContext reused), Scriban with a
/// new context per render, and a hand-written interpolation of the same text as the baseline.
/// </summary>
[MemoryDiagnoser]
public class SmsRenderingBenchmarks
{
    private static readonly Template MeetingRequest = Template.Parse(SmsTemplates.Get(SmsTemplateKind.MeetingRequest).Text);

    private readonly TemplateContext _context = new() { StrictVariables = true };

    private readonly SmsSlotValues _slots = new()
    {
        FirstName = "Maria",
        SenderName = "Dana",
        BrandName = "Acme Dental",
        MeetingLink = "https://cal.example.com/acme-dental",
    };

    [GlobalSetup]
    public void CheckAllAgree()
    {
        var expected = Interpolated();
        if (SmsRenderer() != expected || SmsRenderer() != expected || ScribanNewContextPerRender() != expected || ScribanReusedContext() != expected)
        {
            throw new InvalidOperationException("The renderings differ; the comparison would be meaningless.");
        }
    }

    [Benchmark(Baseline = true)]
    public string Interpolated() =>
        $"Hi {_slots.FirstName}, it's {_slots.SenderName} from {_slots.BrandName}. Thanks for your time today! Book a meeting here: {_slots.MeetingLink}\n{SmsTemplates.OptOutLine}";

    [Benchmark]
    public string SmsRenderer() => Templates.SmsRenderer.Render(SmsTemplateKind.MeetingRequest, _slots);

    [Benchmark]
    public string ScribanReusedContext()
    {
        _context.PushGlobal(new ScriptObject
        {
            ["first_name"] = _slots.FirstName,
            ["sender_name"] = _slots.SenderName,
            ["brand_name"] = _slots.BrandName,
            ["meeting_link"] = _slots.MeetingLink,
        });
        var text = MeetingRequest.Render(_context);
        _context.PopGlobal();
        return text;
    }

    [Benchmark]
    public string ScribanNewContextPerRender()
    {
        var context = new TemplateContext { StrictVariables = true, LoopLimit = 0, RecursiveLimit = 0 };
        context.PushGlobal(new ScriptObject
        {
            ["first_name"] = _slots.FirstName,
            ["sender_name"] = _slots.SenderName,
            ["brand_name"] = _slots.BrandName,
            ["meeting_link"] = _slots.MeetingLink,
        });
        return MeetingRequest.Render(context);
    }
}
