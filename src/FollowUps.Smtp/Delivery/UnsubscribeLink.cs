using System.Text;
using MimeKit;

namespace FollowUps.Smtp.Delivery;

/// <summary>
/// The one-click unsubscribe link as the <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers (RFC 2369,
/// RFC 8058). Thread-safe (stateless).
/// </summary>
internal static class UnsubscribeLink
{
    /// <summary>The longest link accepted: the one-line header stays within the 998 characters a line may have.</summary>
    public const int MaxLength = 900;

    /// <summary>The value of <c>List-Unsubscribe-Post</c>: the recipient's client unsubscribes with one POST, no page to fill in.</summary>
    public const string OneClick = "List-Unsubscribe=One-Click";

    /// <summary>
    /// Why <paramref name="url"/> cannot go into the header as it is, or null. It must be an absolute https URL of
    /// printable ASCII without spaces, '&lt;' or '&gt;' (any of those could end the header value or inject a header), and
    /// without "=?" (a client could read it as an RFC 2047 encoded-word).
    /// </summary>
    public static string? Problem(string url)
    {
        foreach (var c in url)
        {
            if (c is <= ' ' or '\u007F')
            {
                return "The unsubscribe link contains a space, line break or other control character.";
            }

            if (c is '<' or '>')
            {
                return "The unsubscribe link contains '<' or '>'.";
            }

            if (!char.IsAscii(c))
            {
                return "The unsubscribe link contains a non-ASCII character: percent-encode it, and write the host name in its ASCII (xn--) form.";
            }
        }

        if (url.Contains("=?", StringComparison.Ordinal))
        {
            return "The unsubscribe link contains \"=?\", which mail clients can read as an encoded word: percent-encode the '?' as %3F.";
        }

        if (url.Length > MaxLength)
        {
            return $"The unsubscribe link is longer than {MaxLength} characters.";
        }

        var isHttps = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && uri.Host.Length > 0;
        return isHttps ? null : "The unsubscribe link is not an absolute https URL.";
    }

    /// <summary>
    /// <c>List-Unsubscribe: &lt;url&gt;</c> on one line, as written: MimeKit would fold it onto a second line past 78
    /// characters, which is allowed but trips simple readers. Check <see cref="Problem"/> first.
    /// </summary>
    public static Header Header(string url)
    {
        var header = new Header(HeaderId.ListUnsubscribe, $"<{url}>");
        header.SetRawValue(Encoding.ASCII.GetBytes($" <{url}>\n"));
        return header;
    }
}
