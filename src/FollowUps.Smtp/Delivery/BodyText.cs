namespace FollowUps.Smtp.Delivery;

/// <summary>
/// A plain-text or HTML body: what is refused and how its line breaks are sent. Every character arrives as it is, except
/// that each line break (CRLF, a lone CR or a lone LF) is sent as one CRLF, the only line break SMTP allows, and a
/// line break may be added at the end. Thread-safe (stateless).
/// </summary>
internal static class BodyText
{
    /// <summary>Why <paramref name="text"/> cannot be the <paramref name="what"/>, or null: only text that UTF-8 cannot carry.</summary>
    public static string? Problem(string? text, string what) => text is null || UnicodeText.IsValid(text)
        ? null
        : $"The {what} is not valid Unicode text (it has an unpaired surrogate).";

    /// <summary>The text with every line break as LF, which MimeKit writes as CRLF; a lone CR would reach the wire as it is.</summary>
    public static string NormaliseLineBreaks(string text)
        => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
