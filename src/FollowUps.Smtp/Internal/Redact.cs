namespace FollowUps.Smtp.Internal;

/// <summary>Masks email addresses for logs: "j***@example.com". The same rule as the core's.</summary>
internal static class Redact
{
    public static string Address(string? value) => value switch
    {
        null or "" => "(none)",
        _ when value.IndexOf('@', StringComparison.Ordinal) is var at and > 0 => $"{value[0]}***{value[at..]}",
        _ => "***",
    };
}
