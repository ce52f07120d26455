using System.Text;
using FollowUps.Rules;

namespace FollowUps.Templates;

/// <summary>Cleans values that came from the call (names, summaries, locations) before they enter an SMS.</summary>
internal static class SlotText
{
    private const string Ellipsis = "...";

    /// <summary>The greeting name: the contact's first name, or "there" when it is blank or implausibly long.</summary>
    public static string FirstName(string? firstName)
    {
        var name = Clean(firstName);
        return name.Length is 0 or > SlotLimits.FirstName ? "there" : name;
    }

    /// <summary>One line: control and invisible characters dropped, every run of white space one space, trimmed.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
            }
            else if (!char.IsControl(c) && !SlotRules.IsInvisible(c))
            {
                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>At most <paramref name="maxLength"/> characters, cut at a word boundary with "..." when too long.</summary>
    public static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Cut at the last space, unless that would throw away more than half of what fits.
        var room = maxLength - Ellipsis.Length;
        var cut = text.LastIndexOf(' ', room);
        if (cut < room / 2)
        {
            cut = room;
        }

        // Never leave half of a surrogate pair at the end.
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }
}
