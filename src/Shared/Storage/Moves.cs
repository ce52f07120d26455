using System.Runtime.CompilerServices;

namespace FollowUps.Storage;

/// <summary>The argument checks of a store's moves (a compare-and-set, a claim and its start).</summary>
internal static class Moves
{
    /// <summary>Throws unless <paramref name="from"/> and <paramref name="to"/> are given and are one follow-up (one key).</summary>
    public static void CheckOneFollowUp(
        FollowUpRecord from,
        FollowUpRecord to,
        [CallerArgumentExpression(nameof(from))] string fromName = "",
        [CallerArgumentExpression(nameof(to))] string toName = "")
    {
        ArgumentNullException.ThrowIfNull(from, fromName);
        ArgumentNullException.ThrowIfNull(to, toName);
        if (from.Key != to.Key)
        {
            throw new ArgumentException("A follow-up cannot become another one.", toName);
        }
    }
}
