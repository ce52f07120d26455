namespace FollowUps;

/// <summary>
/// Sends what the outbox holds for later: retries whose time came, follow-ups queued without an inline send, and those
/// a crashed process left. A hosted service runs it in a loop (<c>AddFollowUps(...).AddDispatcher()</c>); hosts without
/// the generic host (serverless, cron, a console) call <see cref="RunOnceAsync"/>. Thread-safe; any number may run
/// against one store.
/// </summary>
public interface IFollowUpDispatcher
{
    /// <summary>
    /// Leases one batch of due follow-ups and works each: checks the do-not-contact list, sends, and settles it; a send
    /// left in flight by a stopped process becomes unknown; what is past its deadline expires.
    /// </summary>
    /// <param name="cancellationToken">Stops leasing; sends already started finish.</param>
    /// <returns>How many follow-ups the batch held.</returns>
    Task<int> RunOnceAsync(CancellationToken cancellationToken = default);
}
