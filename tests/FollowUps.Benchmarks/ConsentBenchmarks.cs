using BenchmarkDotNet.Attributes;
using FollowUps.Rules;

namespace FollowUps.Benchmarks;

/// <summary>
/// The consent evidence check on a hostile turn: N characters of "sí " and a quote of N/2 that fails only on its
/// middle word, so every start matches a quarter of it (and its first and last characters, which a search checks
/// first). The quadratic check it replaced is kept here as the baseline. N = 4,000 and 20,000 (the turn cap,
/// <see cref="ConsentRule.MaxTurnCharacters"/>): linear time shows as about 5× between them.
/// </summary>
[MemoryDiagnoser]
public class ConsentBenchmarks
{
    private string _turn = "";
    private string _quote = "";

    [Params(4_000, 20_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _turn = string.Concat(Enumerable.Repeat("sí ", N / 3));
        var half = string.Concat(Enumerable.Repeat("sí ", N / 12));
        _quote = half + "no " + half.TrimEnd();
        if (WholeWords.Contains(_turn, _quote) || Quadratic(_turn, _quote) || !WholeWords.Contains(_turn, "sí sí"))
        {
            throw new InvalidOperationException("The benchmark texts are not what their names say.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool QuadraticCheck() => Quadratic(_turn, _quote);

    [Benchmark]
    public bool LinearCheck() => WholeWords.Contains(_turn, _quote);

    /// <summary>The check before it became linear (as in FollowUps.Tests' oracle).</summary>
    private static bool Quadratic(string text, string quote)
    {
        var (t, q) = (Words(text), Words(quote));
        for (var at = t.IndexOf(q, StringComparison.OrdinalIgnoreCase); at >= 0; at = t.IndexOf(q, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + q.Length;
            if ((at == 0 || !IsWordChar(t[at - 1]) || !IsWordChar(q[0])) && (end == t.Length || !IsWordChar(t[end]) || !IsWordChar(q[^1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '\'';

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
