namespace FollowUps.Smtp.Tests.Support;

/// <summary>
/// The host's credentials, answered only after <see cref="Release"/>: a send asking for them holds its connection open
/// and in use, so a test can act while a send is in flight.
/// </summary>
internal sealed class GatedCredentials(ISmtpCredentials inner) : ISmtpCredentials
{
    private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a send has asked (and waits for <see cref="Release"/>).</summary>
    public Task Asked => _asked.Task;

    /// <summary>Answers every request waiting, and every later one.</summary>
    public void Release() => _released.TrySetResult();

    public async ValueTask<string> GetAsync(SmtpCredentialsRequest request, CancellationToken cancellationToken)
    {
        _asked.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        return await inner.GetAsync(request, cancellationToken);
    }
}
