namespace FollowUps.Smtp.Tests.Support;

/// <summary>
/// The host's mailboxes with reads that wait for <see cref="Release"/>: each read gives what <paramref name="inner"/> held
/// when it began, as a read from a slow database would, so a test can change or invalidate an account while it is under way.
/// </summary>
internal sealed class GatedMailboxes(TestMailboxes inner) : ISmtpMailboxes
{
    private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a read has begun (and waits for <see cref="Release"/>).</summary>
    public Task Reading => _reading.Task;

    /// <summary>Lets every read waiting, and every later one, give its answer.</summary>
    public void Release() => _released.TrySetResult();

    public async ValueTask<SmtpMailbox?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        var mailbox = await inner.FindAsync(accountId, cancellationToken);
        _reading.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        return mailbox;
    }
}
