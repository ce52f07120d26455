namespace FollowUps.Samples;

/// <summary>An <see cref="IEmailSender"/> that writes each email to <c>&lt;n&gt;-&lt;contactId&gt;.txt</c> in a folder instead of sending it. Thread-safe.</summary>
internal sealed class OutboxEmailSender : IEmailSender
{
    private readonly string _folder;
    private int _count;

    public OutboxEmailSender(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _count);
        var path = Path.Combine(_folder, OutboxFile.Name(n, message.Key.ContactId));
        var text = $"From: {message.FromName}\nTo: {message.To}\nSubject: {message.Subject}\nFollow-up: {message.Key}\n\n{message.TextBody}\n";
        await File.WriteAllTextAsync(path, text, cancellationToken);
        return SendResult.Sent($"outbox-email-{n:D4}");
    }
}
