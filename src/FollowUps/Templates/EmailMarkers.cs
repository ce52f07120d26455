namespace FollowUps.Templates;

/// <summary>
/// The marker strings that stand for values while a campaign's text is compiled: a base of eight distinct ASCII letters
/// and one digit, the slot (<see cref="SlotValues"/>). Letters and digits are text to Markdown and to HTML, so a marker
/// passes through Markdig unchanged, and formats beside the campaign's marks as a value that starts and ends with a
/// letter or digit does. A base has no repeated letter, so a marker is found where it starts even when the text before
/// it ends with part of the base. Thread-safe.
/// </summary>
internal static class EmailMarkers
{
    /// <summary>Letters a base draws from: no a–f, so a percent-encoded byte (<c>%3C</c>) never reads as part of one.</summary>
    private const string Letters = "ghijkmnopqrstuvwxyzGHJKLMNPQRSTUVWXYZ";

    private const int BaseLength = 8;

    /// <summary>The base of attempt <paramref name="attempt"/>: each attempt a different, fixed one.</summary>
    public static string Base(int attempt)
    {
        Span<char> pool = stackalloc char[Letters.Length];
        Letters.CopyTo(pool);
        Span<char> chosen = stackalloc char[BaseLength];
        var state = (uint)attempt * 2654435761u + 0x9E3779B9u;
        for (var i = 0; i < BaseLength; i++)
        {
            state = (state * 1664525u) + 1013904223u;
            var left = pool.Length - i;
            var pick = (int)((state >> 8) % (uint)left);
            chosen[i] = pool[pick];
            pool[pick] = pool[left - 1];
        }

        return new string(chosen);
    }

    /// <summary>The marker of <paramref name="slot"/> on <paramref name="markerBase"/>.</summary>
    public static string Marker(string markerBase, int slot) => $"{markerBase}{(char)('0' + slot)}";

    /// <summary>The marker of placeholder <paramref name="name"/> (one of <see cref="EmailTemplate.Names"/>) on <paramref name="markerBase"/>.</summary>
    public static string Marker(string markerBase, string name)
    {
        for (var slot = 0; slot < EmailTemplate.Names.Count; slot++)
        {
            if (EmailTemplate.Names[slot] == name)
            {
                return Marker(markerBase, slot);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "Not an email placeholder.");
    }

    /// <summary>The slot a digit after a base names, or <see langword="null"/> when <paramref name="c"/> names none.</summary>
    public static byte? SlotOf(char c) => c is >= '0' and <= (char)('0' + SlotValues.Token) ? (byte)(c - '0') : null;

    /// <summary><paramref name="text"/> (a problem found while compiling) with each marker written as the placeholder it stands for.</summary>
    public static string Unmark(string text, string markerBase)
    {
        for (var slot = 0; slot < EmailTemplate.Names.Count; slot++)
        {
            text = text.Replace(Marker(markerBase, slot), $"{{{{ {EmailTemplate.Names[slot]} }}}}", StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }
}
