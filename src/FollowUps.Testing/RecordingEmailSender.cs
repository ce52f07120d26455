namespace FollowUps.Testing;

/// <summary>An <see cref="IEmailSender"/> that records messages instead of sending them. Thread-safe.</summary>
/// <param name="respond">Answers each message; may throw. By default every message is sent with an id like <c>email-0001</c>.</param>
public sealed class RecordingEmailSender(Func<EmailMessage, SendResult>? respond = null)
    : RecordingSender<EmailMessage>("email", respond), IEmailSender;
