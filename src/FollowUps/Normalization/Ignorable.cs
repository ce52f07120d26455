using System.Buffers;
using FollowUps.Rules;

namespace FollowUps.Normalization;

/// <summary>
/// White space, control and invisible characters: what a phone or email field may carry around or between its parts
/// (a trailing line break, tabs, a NUL, padding, a bidi mark pasted with the value) that is no part of the value.
/// </summary>
internal static class Ignorable
{
    /// <summary>Every ignorable UTF-16 code unit, for vectorised searches.</summary>
    public static readonly SearchValues<char> Characters = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(Is).ToArray());

    public static bool Is(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || SlotRules.IsInvisible(c);
}
