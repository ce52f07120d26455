using Microsoft.Extensions.Logging;

namespace FollowUps.Internal;

/// <summary>The core's log messages. Event ids 100-199. Ids and decisions only; recipients masked.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Follow-up {Kind} for call {CallId} sent to {Recipient} as {ProviderMessageId}")]
    public static partial void Sent(ILogger logger, string callId, FollowUpKind kind, string recipient, string? providerMessageId);

    [LoggerMessage(101, LogLevel.Debug, "Follow-up {Kind} for call {CallId} skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string callId, FollowUpKind kind, OutcomeReason reason);

    [LoggerMessage(102, LogLevel.Warning, "Follow-up {Kind} for call {CallId} to {Recipient} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string callId, FollowUpKind kind, string recipient, OutcomeReason reason);

    [LoggerMessage(103, LogLevel.Error, "The follow-up store failed while handling call {CallId}")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string callId);

    [LoggerMessage(104, LogLevel.Error, "The {Kind} sender threw while handling call {CallId}")]
    public static partial void SenderThrew(ILogger logger, Exception exception, string callId, FollowUpKind kind);

    [LoggerMessage(105, LogLevel.Warning, "No sender is registered for follow-up {Kind}; call {CallId} sends nothing on that channel")]
    public static partial void NoSender(ILogger logger, FollowUpKind kind, string callId);

    [LoggerMessage(106, LogLevel.Information, "Added {Target} to the do-not-contact list of account {AccountId}: {Reason}")]
    public static partial void Suppressed(ILogger logger, string accountId, string target, SuppressionReason reason);

    [LoggerMessage(108, LogLevel.Error, "Follow-up {Kind} for call {CallId} could not be rendered")]
    public static partial void RenderFailed(ILogger logger, Exception exception, string callId, FollowUpKind kind);

    [LoggerMessage(107, LogLevel.Warning, "FollowUps is using the in-memory store: it forgets what was sent when the process ends, so a restart can send a follow-up twice. Register a durable store for production.")]
    public static partial void InMemoryStoreInUse(ILogger logger);

    [LoggerMessage(109, LogLevel.Debug, "An unsubscribe token was refused: no UnsubscribeSigningKey signed it")]
    public static partial void UnsubscribeRefused(ILogger logger);

    [LoggerMessage(110, LogLevel.Warning, "Follow-up {Key} ended as {Status}, but another worker had moved it first, so that was not recorded: its lease ran out while it was sent")]
    public static partial void LeaseLost(ILogger logger, string key, OutcomeStatus status);

    [LoggerMessage(119, LogLevel.Warning, "Follow-up {Key} ended as {Status}, but the store could not record it; the result is kept and written once the store answers")]
    public static partial void SettlementKept(ILogger logger, string key, OutcomeStatus status);

    [LoggerMessage(120, LogLevel.Information, "Follow-up {Key}: the result the store could not take at first is recorded ({State})")]
    public static partial void SettledLate(ILogger logger, string key, FollowUpState state);

    [LoggerMessage(121, LogLevel.Warning, "The settings of account {AccountId} could not be read from the accounts source (the last good ones stand in: {Stale})")]
    public static partial void AccountSourceFailed(ILogger logger, Exception exception, string accountId, bool stale);

    [LoggerMessage(122, LogLevel.Warning, "{Listener} threw when told that account {AccountId} changed; the other listeners were told")]
    public static partial void AccountListenerThrew(ILogger logger, Exception exception, string listener, string accountId);

    [LoggerMessage(111, LogLevel.Information, "The dispatcher settled follow-up {Key}: {State}")]
    public static partial void Dispatched(ILogger logger, string key, FollowUpState state);

    [LoggerMessage(112, LogLevel.Error, "The dispatcher could not reach the store; it tries again in {Delay}")]
    public static partial void DispatcherFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(113, LogLevel.Error, "An observer threw when told that follow-up {Key} settled as {State}")]
    public static partial void ObserverThrew(ILogger logger, Exception exception, string key, FollowUpState state);

    [LoggerMessage(114, LogLevel.Warning, "Follow-up {Key} is due, but no {Port} is registered to send it; it waits")]
    public static partial void NoSenderForDue(ILogger logger, string key, string port);

    [LoggerMessage(123, LogLevel.Warning, "Follow-up {Key} is due, but its account cannot be used now ({Reason}: {Detail}); it waits")]
    public static partial void AccountNotUsableForDue(ILogger logger, string key, OutcomeReason reason, string detail);

    [LoggerMessage(115, LogLevel.Warning, "The outbox is durable ({Store}), but no dispatcher runs in this host: retries and queued follow-ups wait until something calls IFollowUpDispatcher.RunOnceAsync. Add .AddDispatcher() to AddFollowUps, or run it yourself.")]
    public static partial void NoDispatcher(ILogger logger, string store);

    [LoggerMessage(116, LogLevel.Information, "Asked the provider about unknown follow-up {Key} (attempt {Attempt}): {Verdict}")]
    public static partial void Reconciled(ILogger logger, string key, int attempt, ReconciliationVerdict verdict);

    [LoggerMessage(117, LogLevel.Warning, "The reconciler threw while asked about unknown follow-up {Key}; it stays unknown and is asked again")]
    public static partial void ReconcilerThrew(ILogger logger, Exception exception, string key);

    [LoggerMessage(118, LogLevel.Warning, "{By} settled or cancelled follow-up {Key} by hand: {State}")]
    public static partial void OperatorChanged(ILogger logger, string by, string key, FollowUpState state);
}
