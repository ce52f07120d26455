namespace FollowUps.Samples;

/// <summary>
/// An <see cref="ISmsSender"/> and <see cref="IEmailSender"/> that writes each message to a file instead of sending
/// it: <c>sms/0001-&lt;contactId&gt;.txt</c> and <c>email/0001-&lt;contactId&gt;.txt</c> under its folder. When created
/// it deletes the files an earlier run wrote there (and nothing else). Thread-safe.
/// </summary>
internal sealed class Outbox : ISmsSender, IEmailSender
{
    private static readonly char[] NotInFileNames = Path.GetInvalidFileNameChars();
    private int _sms;
    private int _email;

    public Outbox(string folder)
    {
        Folder = folder;
        foreach (var kind in (string[])["sms", "email"])
        {
            var path = Directory.CreateDirectory(Path.Combine(folder, kind));
            foreach (var earlier in path.EnumerateFiles("????-*.txt"))
            {
                earlier.Delete();
            }
        }
    }

    public string Folder { get; }

    public Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken) => WriteAsync(
        "sms",
        Interlocked.Increment(ref _sms),
        message.Key,
        $"To: {message.To}\nTemplate: {message.Template}\nFollow-up: {message.Key}\n\n{message.Body}\n",
        cancellationToken);

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) => WriteAsync(
        "email",
        Interlocked.Increment(ref _email),
        message.Key,
        $"From: {message.FromName}\nTo: {message.To}\nSubject: {message.Subject}\nFollow-up: {message.Key}\n\n{message.TextBody}\n",
        cancellationToken);

    private async Task<SendResult> WriteAsync(string kind, int n, FollowUpKey key, string text, CancellationToken cancellationToken)
    {
        var contact = string.Concat(key.ContactId.Select(c => Array.IndexOf(NotInFileNames, c) >= 0 ? '_' : c));
        await File.WriteAllTextAsync(Path.Combine(Folder, kind, $"{n:D4}-{contact}.txt"), text, cancellationToken);
        return SendResult.Sent($"outbox-{kind}-{n:D4}");
    }
}
