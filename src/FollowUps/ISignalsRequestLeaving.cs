namespace FollowUps;

/// <summary>
/// Marks an <see cref="ISmsSender"/> or <see cref="IEmailSender"/> that calls <see cref="FollowUpSend.RequestLeavingAsync"/>
/// right before each request leaves, after any wait for a connection. The outbox then marks a follow-up sending at that
/// moment; for other senders it marks it just before calling them.
/// </summary>
public interface ISignalsRequestLeaving;
