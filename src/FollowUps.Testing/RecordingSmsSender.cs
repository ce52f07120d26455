namespace FollowUps.Testing;

/// <summary>An <see cref="ISmsSender"/> that records messages instead of sending them. Thread-safe.</summary>
/// <param name="respond">Answers each message; may throw. By default every message is sent with an id like <c>sms-0001</c>.</param>
public sealed class RecordingSmsSender(Func<SmsMessage, SendResult>? respond = null)
    : RecordingSender<SmsMessage>("sms", respond), ISmsSender;
