namespace FollowUps.Samples;

/// <summary>Names outbox files <c>0001-c-1001.txt</c>, with any character a file name cannot hold replaced.</summary>
internal static class OutboxFile
{
    private static readonly char[] Invalid = Path.GetInvalidFileNameChars();

    public static string Name(int n, string contactId) =>
        $"{n:D4}-{string.Concat(contactId.Select(c => Array.IndexOf(Invalid, c) >= 0 ? '_' : c))}.txt";
}
