namespace FollowUps.Smtp.DependencyInjection;

/// <summary>Registered by <c>AddSmtpEmail&lt;TMailboxes, TCredentials&gt;</c>: each account's mailbox comes from the host's <see cref="ISmtpMailboxes"/>.</summary>
internal sealed class PerAccountMailboxes;
