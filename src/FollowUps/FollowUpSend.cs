namespace FollowUps;

/// <summary>
/// For senders that wait before a request can leave (one shared connection, a login): the outbox marks a follow-up
/// sending when the request is about to leave, not when the send is called, so a crash during the wait leaves it safe
/// to send again instead of unknown. Such a sender implements <see cref="ISignalsRequestLeaving"/> and calls
/// <see cref="RequestLeavingAsync"/> after its wait, right before the request leaves.
/// </summary>
public static class FollowUpSend
{
    private static readonly AsyncLocal<Func<Task>?> Leaving = new();

    /// <summary>
    /// Says the request is about to leave. The outbox marks the follow-up sending (once; later calls do nothing). Outside
    /// an outbox send (a test, a sender used on its own) it does nothing.
    /// </summary>
    /// <returns>A task that completes when the follow-up is marked.</returns>
    /// <exception cref="SendNotStartedException">Another worker took the follow-up first: send nothing.</exception>
    public static Task RequestLeavingAsync() => Leaving.Value?.Invoke() ?? Task.CompletedTask;

    /// <summary>Runs <paramref name="send"/> with <paramref name="onLeaving"/> as what <see cref="RequestLeavingAsync"/> does in it.</summary>
    internal static async Task<SendResult> RunAsync(Func<Task> onLeaving, Func<Task<SendResult>> send)
    {
        Leaving.Value = onLeaving;
        try
        {
            return await send().ConfigureAwait(false);
        }
        finally
        {
            Leaving.Value = null;
        }
    }
}
