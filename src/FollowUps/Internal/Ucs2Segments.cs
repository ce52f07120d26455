using System.Globalization;

namespace FollowUps.Internal;

/// <summary>
/// Counts the segments of a split UCS-2 text as Twilio's segment calculator does: 67 code units each, and a
/// character as a person sees it (a grapheme cluster: 👍🏽, a family emoji, a flag, a keycap, e + an accent) never
/// split between two. Thread-safe.
/// </summary>
/// <remarks>
/// CR LF counts as two characters, as the calculator counts it. A cluster longer than a segment (dozens of stacked
/// accents) starts a segment of its own and is split between code points. Text made of single code points only (see
/// <see cref="ClusterJoiners"/>) takes a fast path that never segments it.
/// </remarks>
internal static class Ucs2Segments
{
    /// <summary>Segments of <paramref name="text"/>, split into segments of <paramref name="perSegment"/> code units.</summary>
    public static int Count(ReadOnlySpan<char> text, int perSegment)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var pairs = false;
        for (var i = text.IndexOfAnyExceptInRange('\0', '\u007F'); i >= 0 && i < text.Length; i++)
        {
            var c = text[i];
            if (c < '\u0080')
            {
                var next = text[i..].IndexOfAnyExceptInRange('\0', '\u007F');
                if (next < 0)
                {
                    break;
                }

                (i, c) = (i + next, text[i + next]);
            }

            var codePoint = (int)c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                (codePoint, pairs) = (char.ConvertToUtf32(c, text[++i]), true);
            }

            if (ClusterJoiners.MayJoin(codePoint))
            {
                return ByClusters(text, perSegment);
            }
        }

        return pairs ? ByCodePoints(text, perSegment) : (text.Length + perSegment - 1) / perSegment;
    }

    /// <summary>Segments where each code point is one cluster: only a surrogate pair has to stay whole.</summary>
    internal static int ByCodePoints(ReadOnlySpan<char> text, int perSegment)
    {
        var (segments, used) = (1, 0);
        for (var i = 0; i < text.Length;)
        {
            var width = CodePointWidth(text, i);
            if (used + width > perSegment)
            {
                (segments, used) = (segments + 1, 0);
            }

            used += width;
            i += width;
        }

        return segments;
    }

    /// <summary>Segments by grapheme clusters, whatever the text holds (CR LF as two).</summary>
    internal static int ByClusters(ReadOnlySpan<char> text, int perSegment)
    {
        var (segments, used) = (text.IsEmpty ? 0 : 1, 0);
        for (var i = 0; i < text.Length;)
        {
            var width = ClusterWidth(text, i);
            if (width > perSegment)
            {
                // Longer than a segment: a segment of its own, then as many as it needs, split between code points.
                (segments, used) = used > 0 ? (segments + 1, 0) : (segments, used);
                for (var end = i + width; i < end;)
                {
                    var unit = CodePointWidth(text, i);
                    (segments, used) = used + unit > perSegment ? (segments + 1, unit) : (segments, used + unit);
                    i += unit;
                }

                continue;
            }

            if (used + width > perSegment)
            {
                (segments, used) = (segments + 1, 0);
            }

            used += width;
            i += width;
        }

        return segments;
    }

    /// <summary>
    /// The code units of the cluster at <paramref name="i"/>, a cluster boundary. Two adjacent code points neither of
    /// which can join (<see cref="ClusterJoiners"/>) always have a boundary between them, so only clusters at or next to
    /// such a code point are segmented; CR is one character, as the calculator counts it.
    /// </summary>
    private static int ClusterWidth(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (c == '\r' || (c < '\u0080' && (i + 1 == text.Length || text[i + 1] < '\u0080')))
        {
            return 1;
        }

        var width = CodePointWidth(text, i);
        return ClusterJoiners.MayJoin(CodePointAt(text, i, width))
            || (i + width < text.Length && ClusterJoiners.MayJoin(CodePointAt(text, i + width, CodePointWidth(text, i + width))))
            ? StringInfo.GetNextTextElementLength(text[i..])
            : width;
    }

    private static int CodePointAt(ReadOnlySpan<char> text, int i, int width) =>
        width == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];

    private static int CodePointWidth(ReadOnlySpan<char> text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
}
