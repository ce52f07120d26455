namespace FollowUps.Samples;

/// <summary>An <see cref="ISmsSender"/> that writes each text to <c>&lt;n&gt;-&lt;contactId&gt;.txt</c> in a folder instead of sending it. Thread-safe.</summary>
internal sealed class OutboxSmsSender : ISmsSender
{
    private readonly string _folder;
    private int _count;

    public OutboxSmsSender(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public async Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _count);
        var path = Path.Combine(_folder, OutboxFile.Name(n, message.Key.ContactId));
        var text = $"To: {message.To}\nTemplate: {message.Template}\nFollow-up: {message.Key}\n\n{message.Body}\n";
        await File.WriteAllTextAsync(path, text, cancellationToken);
        return SendResult.Sent($"outbox-sms-{n:D4}");
    }
}
