namespace FollowUps;

/// <summary>
/// An outbox that keeps the do-not-contact list too (one store given to the engine as both <see cref="IFollowUpStore"/>
/// and <see cref="ISuppressionStore"/>) and can start a follow-up's first attempt in the write that claims it: one atomic
/// write instead of three steps (the claim, a read of the list, the move to sending). Optional: the engine uses it for a
/// follow-up it sends inline, when the one store it was given for both ports implements it; otherwise it takes the three
/// steps. Both leave the same outcomes, records and history, except where a write fails or is cancelled: the one write
/// then stores nothing, where the claim alone could have been stored (and a cancelled follow-up is skipped, not queued).
/// </summary>
/// <remarks>
/// Not used for a sender that says when its request leaves (<see cref="ISignalsRequestLeaving"/>): that follow-up moves to
/// sending only then, so a crash while it waits for a connection leaves it safe to send again.
/// </remarks>
public interface IFollowUpClaimStarter
{
    /// <summary>
    /// Claims <paramref name="claim"/>'s key as <see cref="IFollowUpStore.ClaimAsync"/> does; when this claim stores its
    /// record and the do-not-contact list has no entry of its account that matches any of its
    /// <see cref="FollowUpRecord.Targets"/>, moves it on to <paramref name="sending"/> as
    /// <see cref="IFollowUpStore.TryUpdateAsync"/> would, each step with its history entry. All in one atomic write: an
    /// entry added to the list (<see cref="ISuppressionStore.AddSuppressionAsync"/>) comes wholly before it (the
    /// follow-up stays claimed, and the answer names the entry) or after it.
    /// </summary>
    /// <param name="claim">The follow-up as claimed.</param>
    /// <param name="sending">The same follow-up with its first attempt started; the same key.</param>
    /// <param name="cancellationToken">Cancels the call; an <see cref="OperationCanceledException"/> means nothing was written.</param>
    /// <returns>
    /// What the claim found, and the entry that kept a won claim from starting, if any. A value task and a struct, as this
    /// is the one store call of every inline send: a store that writes without waiting (the in-memory one) answers
    /// without allocating.
    /// </returns>
    ValueTask<FollowUpStart> ClaimAndStartAsync(FollowUpRecord claim, FollowUpRecord sending, CancellationToken cancellationToken);
}
