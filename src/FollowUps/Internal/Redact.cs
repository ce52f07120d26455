namespace FollowUps.Internal;

/// <summary>
/// Masks personal data for logs: "+1******0100", "j***@example.com". Compiled into each adapter too (a linked
/// source file), so every package masks the same way.
/// </summary>
internal static class Redact
{
    public static string Recipient(string? value) => value switch
    {
        null or "" => "(none)",
        _ when value.IndexOf('@', StringComparison.Ordinal) is var at and > 0 => $"{value[0]}***{value[at..]}",
        { Length: > 6 } => $"{value[..2]}{new string('*', value.Length - 6)}{value[^4..]}",
        _ => "***",
    };
}
