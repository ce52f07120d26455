namespace FollowUps.Benchmarks.Support;

/// <summary>
/// Senders that keep nothing and answer "sent" with one cached task, so a benchmark of the whole call measures the
/// library, not a fake's list of what it sent (<see cref="Testing.RecordingSmsSender"/> keeps every message).
/// </summary>
internal static class NoOpSenders
{
    private static readonly Task<SendResult> SmsSent = Task.FromResult(SendResult.Sent("SM1"));

    private static readonly Task<SendResult> EmailSent = Task.FromResult(SendResult.Sent("E1"));

    public static ISmsSender Sms { get; } = new NoOpSms();

    public static IEmailSender Email { get; } = new NoOpEmail();

    private sealed class NoOpSms : ISmsSender
    {
        public Task<SendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken) => SmsSent;
    }

    private sealed class NoOpEmail : IEmailSender
    {
        public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) => EmailSent;
    }
}
