using Xunit;

namespace FollowUps.Testing;

/// <summary>
/// The promises every sender keeps, as an xunit suite. Derive from <see cref="SmsSenderContract"/> or
/// <see cref="EmailSenderContract"/>, not from this class.
/// </summary>
/// <typeparam name="TMessage">The message type.</typeparam>
public abstract class SenderContract<TMessage>
{
    /// <summary>For <see cref="SmsSenderContract"/> and <see cref="EmailSenderContract"/>.</summary>
    protected SenderContract()
    {
    }

    /// <summary>A message to send; <paramref name="sequence"/> makes each one distinct. Override to use addresses your provider accepts.</summary>
    /// <param name="sequence">A number distinct per message in one test.</param>
    /// <returns>The message.</returns>
    protected abstract TMessage CreateMessage(int sequence);

    /// <summary>Creates the sender under test for <paramref name="scenario"/> and returns its send method.</summary>
    private protected abstract Task<Func<TMessage, CancellationToken, Task<SendResult>>> ArrangeAsync(SenderScenario scenario);

    private protected async Task<SendResult> SendAsync(SenderScenario scenario, TMessage message, CancellationToken cancellationToken)
    {
        var send = await ArrangeAsync(scenario);
        return await send(message, cancellationToken);
    }

    /// <summary>An accepted message is reported sent, with the provider's id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Send_ProviderAccepts_ReportsSentWithProviderMessageId()
    {
        var result = await SendAsync(SenderScenario.Accepts, CreateMessage(1), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.ProviderMessageId));
    }

    /// <summary>A failure worth retrying is reported as one, not thrown.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Send_ProviderFailsTransiently_ReportsTransientFailure()
    {
        var result = await SendAsync(SenderScenario.FailsTransiently, CreateMessage(1), CancellationToken.None);

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Null(result.ProviderMessageId);
    }

    /// <summary>A refused recipient is reported as a permanent failure with the provider's explanation.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Send_ProviderRejectsRecipient_ReportsPermanentFailure()
    {
        var result = await SendAsync(SenderScenario.RejectsRecipient, CreateMessage(1), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    /// <summary>
    /// Refused credentials are reported, not thrown: <see cref="SendStatus.CredentialsRefused"/> with a cool-down before the
    /// next try and a sentence naming what to fix, so the outbox waits instead of hammering the provider.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Send_ProviderRefusesCredentials_ReportsCredentialsRefusedWithACoolDown()
    {
        var result = await SendAsync(SenderScenario.RefusesCredentials, CreateMessage(1), CancellationToken.None);

        Assert.Equal(SendStatus.CredentialsRefused, result.Status);
        Assert.True(result.RetryAfter > TimeSpan.Zero, "a cool-down before the next try");
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Null(result.ProviderMessageId);
    }

    /// <summary>A cancelled token stops the send with <see cref="OperationCanceledException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Send_TokenAlreadyCancelled_ThrowsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SendAsync(SenderScenario.Accepts, CreateMessage(1), cancelled.Token));
    }

    /// <summary>Concurrent sends all succeed, each with its own provider id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Send_ManyConcurrently_EachReportsItsOwnProviderMessageId()
    {
        var send = await ArrangeAsync(SenderScenario.Accepts);

        var results = await Task.WhenAll(Enumerable.Range(1, 20)
            .Select(i => Task.Run(() => send(CreateMessage(i), CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.Equal(results.Length, results.Select(r => r.ProviderMessageId).Distinct().Count());
    }
}
