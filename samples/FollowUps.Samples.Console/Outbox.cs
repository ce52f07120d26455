namespace FollowUps.Samples;

/// <summary>
/// An <see cref="ISmsSender"/> that writes each text to <c>sms/0001-&lt;contactId&gt;.txt</c> under its folder instead of
/// sending it (emails go to <c>email/</c> as <c>.eml</c> files, through FollowUps.Smtp's pickup-directory sender). When
/// created it deletes the files an earlier run wrote there, and nothing else. Thread-safe.
/// </summary>
internal sealed class Outbox : ISmsSender
{
    private static readonly char[] NotInFileNames = Path.GetInvalidFileNameChars();
    private int _sms;

    public Outbox(string folder)
    {
        Folder = folder;
        Clear(Path.Combine(folder, "sms"), "????-*.txt");
        Clear(EmailFolder, "*.eml");
    }

    public string Folder { get; }

    public string EmailFolder => Path.Combine(Folder, "email");

    public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _sms);
        var contact = string.Concat(message.Key.ContactId.Select(c => Array.IndexOf(NotInFileNames, c) >= 0 ? '_' : c));
        var text = $"To: {message.To}\nTemplate: {message.Template}\nFollow-up: {message.Key}\n\n{message.Body}\n";
        await File.WriteAllTextAsync(Path.Combine(Folder, "sms", $"{n:D4}-{contact}.txt"), text, cancellationToken);
        return SendResult.Sent($"outbox-sms-{n:D4}");
    }

    private static void Clear(string folder, string pattern)
    {
        foreach (var earlier in Directory.CreateDirectory(folder).EnumerateFiles(pattern))
        {
            earlier.Delete();
        }
    }
}
