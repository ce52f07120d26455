using System.Globalization;
using System.Text;

namespace FollowUps.Internal;

/// <summary>
/// Which code points can make a grapheme cluster of more than one code point, read from the runtime's own
/// segmentation (<see cref="StringInfo"/>, extended grapheme clusters of UAX #29), not from a hand-written table.
/// Thread-safe: each block of 1,024 code points is worked out once, on first use.
/// </summary>
/// <remarks>
/// Two adjacent code points stay in one cluster only by one of these rules of UAX #29, and each needs a code point this
/// class flags: CR LF (GB3; counted as two characters anyway, as Twilio's calculator counts them), Hangul jamo
/// sequences (GB6–8: an L jamo first, or a V or T jamo second), anything followed by an extender, a zero-width joiner
/// or a spacing mark (GB9, GB9a: combining marks, variation selectors, emoji skin tones, tags, the keycap mark), a
/// prepended concatenation mark (GB9b), an Indic conjunct (GB9c: it holds a virama, an extender), an emoji ZWJ
/// sequence (GB11: the joiner) and a pair of regional indicators (GB12–13: a flag). So a text with no flagged code
/// point is made of single code points only, each 1 code unit, or 2 for a surrogate pair.
/// </remarks>
internal static class ClusterJoiners
{
    private const int BlockBits = 10;

    private static readonly ulong[]?[] Blocks = new ulong[]?[(0x10FFFF >> BlockBits) + 1];

    /// <summary>Whether <paramref name="codePoint"/> can join a neighbour into one cluster; a lone surrogate cannot.</summary>
    /// <param name="codePoint">A code point, or a lone surrogate's code unit.</param>
    /// <returns><see langword="true"/> when it can.</returns>
    public static bool MayJoin(int codePoint)
    {
        var block = Volatile.Read(ref Blocks[codePoint >> BlockBits]) ?? Build(codePoint >> BlockBits);
        var offset = codePoint & ((1 << BlockBits) - 1);
        return (block[offset >> 6] & (1UL << offset)) != 0;
    }

    private static ulong[] Build(int index)
    {
        var block = new ulong[(1 << BlockBits) / 64];
        for (var offset = 0; offset < 1 << BlockBits; offset++)
        {
            var codePoint = (index << BlockBits) + offset;
            if (Rune.IsValid(codePoint) && Joins(new Rune(codePoint)))
            {
                block[offset >> 6] |= 1UL << offset;
            }
        }

        Volatile.Write(ref Blocks[index], block);
        return block;
    }

    /// <summary>
    /// Whether the code point stays in one cluster after "a" (an extender, joiner or spacing mark) or after the Hangul
    /// syllable 가 (a V or T jamo), or keeps "a", the L jamo ᄀ or itself after it (a prepended mark, an L jamo, a
    /// regional indicator).
    /// </summary>
    private static bool Joins(Rune rune)
    {
        Span<char> buffer = stackalloc char[4];
        var length = rune.EncodeToUtf16(buffer[1..]);
        var self = buffer.Slice(1, length);

        buffer[0] = 'a';
        if (StringInfo.GetNextTextElementLength(buffer[..(length + 1)]) > 1)
        {
            return true;
        }

        buffer[0] = '\uAC00';
        if (StringInfo.GetNextTextElementLength(buffer[..(length + 1)]) > 1)
        {
            return true;
        }

        foreach (var next in (ReadOnlySpan<char>)['a', '\u1100'])
        {
            buffer[length + 1] = next;
            if (StringInfo.GetNextTextElementLength(buffer.Slice(1, length + 1)) > length)
            {
                return true;
            }
        }

        Span<char> twice = stackalloc char[4];
        self.CopyTo(twice);
        self.CopyTo(twice[length..]);
        return StringInfo.GetNextTextElementLength(twice[..(2 * length)]) > length;
    }
}
