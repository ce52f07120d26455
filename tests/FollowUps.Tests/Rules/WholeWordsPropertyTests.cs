using CsCheck;
using FollowUps.Rules;

namespace FollowUps.Tests.Rules;

/// <summary>
/// The linear whole-word search means exactly what the quadratic one it replaced meant: the old check, kept here as
/// the oracle, and the new one agree on generated turns and quotes.
/// </summary>
public sealed class WholeWordsPropertyTests
{
    /// <summary>Words, their case variants and pieces, apostrophes, punctuation, letters that case-fold oddly (ſ, K, ı, ß, Deseret).</summary>
    private static readonly Gen<string> Token = Gen.OneOf(
        "yes", "Yes", "YES", "yEs", "yesterday", "Yesterday", "es", "y", "s", "text", "TEXT", "me", "Me", "please",
        "it", "it's", "It'S", "'", "''", "don't", "dont", "'yes'", ",", ".", "!", "?", "-", "—", ":", "...", "1", "42",
        "é", "É", "e\u0301", "ß", "SS", "ss", "ſ", "S", "\u212A", "k", "K", "ı", "I", "i", "İ", "ǅ", "ǆ", "Ǆ",
        "\U00010428", "\U00010400", "😀", "👍🏽", "日本", "Łódź", "ŁÓDŹ", "\u0345", "\u0399");

    private static readonly Gen<string> Space = Gen.OneOf(" ", " ", " ", "", "  ", "\n", "\r\n", "\t", "\u00A0", "\u2003", " \n\t ");

    private static readonly Gen<string[]> Turn = Gen.Select(Token, Space, (token, space) => token + space).Array[0, 60];

    /// <summary>A turn, and a quote that is often a run of it (with its case or spacing changed), or else any tokens.</summary>
    private static readonly Gen<(string Text, string Quote)> TurnAndQuote =
        Gen.Select(Turn, Gen.Int[0, 60], Gen.Int[0, 8], Gen.Int[0, 3], Turn).Select((turn, from, count, change, other) =>
        {
            var text = string.Concat(turn);
            var quote = from + count <= turn.Length && change < 3
                ? string.Concat(turn.Skip(from).Take(count))
                : string.Concat(other.Take(count + 1));
            return (text, change switch
            {
                1 => quote.ToUpperInvariant(),
                2 => quote.Replace(" ", "\n  ", StringComparison.Ordinal),
                _ => quote,
            });
        });

    [Fact]
    public void Contains_GeneratedTurnsAndQuotes_AgreesWithTheQuadraticOracle()
    {
        TurnAndQuote.Sample(
            pair => WholeWords.Contains(pair.Text, pair.Quote).Should().Be(Oracle(pair.Text, pair.Quote), "\"{0}\" in \"{1}\"", pair.Quote, pair.Text),
            iter: 20_000);
    }

    [Fact]
    public void Contains_ArbitraryWellFormedText_AgreesWithTheQuadraticOracle()
    {
        Gen.Select(Gen.String[Gen.Char["yYeEsS 'ıİſK\n."], 0, 80], Gen.String[Gen.Char["yYeEsS 'ıİſK\n."], 0, 8])
            .Sample((text, quote) => WholeWords.Contains(text, quote).Should().Be(Oracle(text, quote)), iter: 20_000);
    }

    [Fact]
    public void Contains_GeneratedTurnsAndQuotes_FindsTheQuoteAsATurnRun()
    {
        // A run of whole tokens separated by spaces is always found, whatever the case and spacing.
        Gen.Select(Turn, Gen.Int[0, 59], Gen.Int[1, 6]).Sample((turn, from, count) =>
        {
            var words = turn.Select(t => t.Trim() + " ").ToArray();
            var quote = string.Concat(words.Skip(from).Take(count));
            if (quote.Trim().Length > 0)
            {
                WholeWords.Contains(string.Concat(words), quote.ToLowerInvariant()).Should().Be(Oracle(string.Concat(words), quote.ToLowerInvariant()));
                WholeWords.Contains(string.Concat(words), quote).Should().BeTrue();
            }
        }, iter: 5_000);
    }

    /// <summary>The check as it was before it became linear: quadratic when a long quote nearly matches often.</summary>
    private static bool Oracle(string text, string quote)
    {
        var (t, q) = (Words(text), Words(quote));
        if (q.Length == 0)
        {
            return false;
        }

        for (var at = t.IndexOf(q, StringComparison.OrdinalIgnoreCase); at >= 0; at = t.IndexOf(q, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + q.Length;
            if ((at == 0 || !IsWordChar(t[at - 1]) || !IsWordChar(q[0]))
                && (end == t.Length || !IsWordChar(t[end]) || !IsWordChar(q[^1])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '\'';

    private static string Words(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
