using System.Globalization;

namespace FollowUps.Internal;

/// <summary>
/// How the records' <c>ToString()</c> shows personal data, since it ends up in logs and exception messages: phones and
/// emails masked as in the logs (<see cref="Redact"/>), a first name as its initial, what the contact said and the
/// texts sent as their length, a link without its path and query. Pure.
/// </summary>
internal static class Printed
{
    public const string None = "(none)";

    public static string Name(string? name) => name?.Trim() is { Length: > 0 } trimmed
        ? $"{trimmed[..StringInfo.GetNextTextElementLength(trimmed)]}***"
        : None;

    public static string Length(string? text) => text is null ? None : $"({text.Length} characters)";

    public static string Link(string? url) => url switch
    {
        null => None,
        _ when Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsAbsoluteUri && uri.Host.Length > 0 => $"{uri.GetLeftPart(UriPartial.Authority)}/***",
        _ => "***",
    };

    /// <summary>A sentence that may quote the recipient (a provider's error often does), with the recipient masked.</summary>
    public static string Sentence(string? sentence, string? recipient) => sentence switch
    {
        null => None,
        _ when string.IsNullOrEmpty(recipient) => sentence,
        _ => sentence.Replace(recipient, Redact.Recipient(recipient), StringComparison.OrdinalIgnoreCase),
    };
}
