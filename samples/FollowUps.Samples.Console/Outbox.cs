namespace FollowUps.Samples;

/// <summary>
/// An <see cref="ISmsSender"/> that writes each text to <c>sms/&lt;campaign&gt;-&lt;contact&gt;.txt</c> under its folder
/// instead of sending it (emails go to <c>email/</c> as <c>.eml</c> files, through FollowUps.Smtp's pickup-directory
/// sender), beside the outbox database that remembers what was sent. <see cref="Clear"/> deletes what earlier runs wrote
/// there (the files and the database), and nothing else. Thread-safe.
/// </summary>
internal sealed class Outbox : ISmsSender
{
    private static readonly char[] NotInFileNames = Path.GetInvalidFileNameChars();

    public Outbox(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(Path.Combine(folder, "sms"));
        Directory.CreateDirectory(EmailFolder);
    }

    public string Folder { get; }

    public string EmailFolder => Path.Combine(Folder, "email");

    /// <summary>The outbox database: what was claimed and sent, kept between runs.</summary>
    public string Database => Path.Combine(Folder, "followups.db");

    public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var name = FileName($"{message.Key.CampaignId}-{message.Key.ContactId}");
        var text = $"To: {message.To}\nTemplate: {message.Template}\nFollow-up: {message.Key}\n\n{message.Body}\n";
        await File.WriteAllTextAsync(Path.Combine(Folder, "sms", $"{name}.txt"), text, cancellationToken);
        return SendResult.Sent($"outbox-sms-{name}");
    }

    /// <summary>Deletes what earlier runs wrote: the texts, the emails and the database (with its WAL files).</summary>
    public void Clear()
    {
        foreach (var (folder, pattern) in new[] { (Path.Combine(Folder, "sms"), "*.txt"), (EmailFolder, "*.eml"), (Folder, "followups.db*") })
        {
            foreach (var earlier in new DirectoryInfo(folder).EnumerateFiles(pattern))
            {
                earlier.Delete();
            }
        }
    }

    private static string FileName(string name) => string.Concat(name.Select(c => Array.IndexOf(NotInFileNames, c) >= 0 ? '_' : c));
}
