namespace FollowUps.Smtp.Mailboxes;

/// <summary>Waits for a semaphore at most a while, on the injected clock (so tests drive it with a fake one).</summary>
internal static class SlotWait
{
    /// <summary>True when <paramref name="slots"/> was entered within <paramref name="wait"/>; false, not entered, when it was not.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<bool> EnterAsync(SemaphoreSlim slots, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        if (slots.Wait(0, CancellationToken.None))
        {
            return true;
        }

        using var timeout = new CancellationTokenSource(wait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await slots.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
