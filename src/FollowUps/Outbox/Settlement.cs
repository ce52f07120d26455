namespace FollowUps.Outbox;

/// <summary>
/// The one table from a send's result to the follow-up's next state (README, "Durable delivery"). Pure.
/// <list type="table">
/// <item><term>sent</term><description>sent</description></item>
/// <item><term>transient, the provider named a window</term><description>waiting (provider limit) until the window passes</description></item>
/// <item><term>transient</term><description>waiting (retry) for the retry delay</description></item>
/// <item><term>credentials refused</term><description>waiting (credentials cool-down) until the cool-down ends</description></item>
/// <item><term>permanent</term><description>failed</description></item>
/// <item><term>opted out</term><description>failed; the caller adds the suppression and cancels the contact's other pending follow-ups</description></item>
/// <item><term>no answer, or the sender threw</term><description>unknown: the request may have left; the provider is asked after <see cref="FollowUpDeliveryOptions.ReconcileInterval"/> (<see cref="Reconciling"/>)</description></item>
/// </list>
/// A wait that would end past the deadline, or after the last attempt, expires instead.
/// </summary>
internal static class Settlement
{
    /// <summary>The record after <paramref name="sending"/>'s send ended with <paramref name="outcome"/> (and the provider's <paramref name="retryAfter"/>).</summary>
    public static FollowUpRecord Next(FollowUpRecord sending, FollowUpOutcome outcome, TimeSpan? retryAfter, DateTimeOffset now, FollowUpDeliveryOptions options)
    {
        var wait = outcome.Reason switch
        {
            OutcomeReason.TransientFailure when retryAfter is { } window => (WaitReason.ProviderLimit, window),
            OutcomeReason.TransientFailure => (WaitReason.Retry, RetryDelay.After(sending.Attempts, sending.Key, options)),
            OutcomeReason.CredentialsRefused => (WaitReason.CredentialsCoolDown, retryAfter ?? options.RetryBaseDelay),
            _ => ((WaitReason, TimeSpan)?)null,
        };

        if (wait is not var (reason, delay))
        {
            var state = outcome.Status switch
            {
                OutcomeStatus.Sent => FollowUpState.Sent,
                OutcomeStatus.Unknown => FollowUpState.Unknown,
                _ => FollowUpState.Failed,
            };
            return state == FollowUpState.Unknown
                ? Reconciling.AskLater(OutboxRules.Ended(sending, state, outcome, now), options.ReconcileInterval, now)
                : OutboxRules.Ended(sending, state, outcome, now);
        }

        var dueAt = now + delay;
        if (sending.Attempts >= options.MaxAttempts || dueAt > sending.Deadline)
        {
            return Expired(sending, outcome, now, options);
        }

        return sending with
        {
            State = FollowUpState.Waiting,
            LeaseOwner = null,
            LeaseExpiresAt = null,
            DueAt = dueAt,
            WaitReason = reason,
            Outcome = outcome,
        };
    }

    /// <summary>
    /// <paramref name="record"/> expired: out of attempts or past its deadline, the last outcome kept in the sentence. It
    /// expires unknown when the last outcome was unknown (the message may have gone out), failed otherwise.
    /// </summary>
    public static FollowUpRecord Expired(FollowUpRecord record, FollowUpOutcome last, DateTimeOffset now, FollowUpDeliveryOptions options)
    {
        var why = record.Attempts >= options.MaxAttempts
            ? $"it was tried {record.Attempts} times, the most a follow-up gets"
            : $"its deadline passed ({record.Deadline:u})";
        var lastWords = last.Detail is { Length: > 0 } detail ? $" The last attempt: {detail}" : "";
        var outcome = last with
        {
            Status = last.Status == OutcomeStatus.Unknown ? OutcomeStatus.Unknown : OutcomeStatus.Failed,
            Reason = OutcomeReason.Expired,
            Detail = $"Not sent: {why}.{lastWords}",
        };
        return OutboxRules.Ended(record, FollowUpState.Expired, outcome, now);
    }
}
