using FollowUps.Templates;

namespace FollowUps.Accounts;

/// <summary>
/// An account's validated settings, with what the engine builds from them once per read (its email composer), and the
/// senders its follow-ups leave through (none for a channel nobody registered a sender for).
/// </summary>
internal sealed class ResolvedAccount(FollowUpOptions settings, ISmsSender? sms, IEmailSender? email)
{
    public FollowUpOptions Settings { get; } = settings;

    public EmailComposer Emails { get; } = new(settings);

    public ISmsSender? Sms { get; } = sms;

    public IEmailSender? Email { get; } = email;

    /// <summary>The sender for follow-ups of <paramref name="key"/>'s kind: an <see cref="ISmsSender"/> or an <see cref="IEmailSender"/>.</summary>
    public object? SenderOf(FollowUpKey key) => key.Kind == FollowUpKind.Sms ? Sms : Email;
}
