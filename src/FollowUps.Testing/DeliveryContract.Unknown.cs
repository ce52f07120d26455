using System.Collections.Concurrent;
using Xunit;

namespace FollowUps.Testing;

/// <summary>Unknown sends end to end: settled by asking the provider, or by an operator; sent again only when they were not sent.</summary>
public abstract partial class DeliveryContract
{
    /// <summary>
    /// An SMS whose send got no answer is asked about once the reconcile interval passed; the provider has it, so it is
    /// recorded as sent with the provider's id, and never sent again.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Reconcile_UnknownSmsTheProviderHas_IsSentWithItsIdAndNotSentAgain()
    {
        await using var run = await StartAsync(
            _ => SendResult.Unknown("No answer within 30 seconds."),
            unknown => Reconciliation.Found("SM-found", $"Message SM-found to the number was created after attempt {unknown.Attempts} began."));
        await run.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);

        Assert.Equal(0, await run.Dispatcher.RunOnceAsync());
        run.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await run.Dispatcher.RunOnceAsync());
        run.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await run.Dispatcher.RunOnceAsync());

        var record = await run.Store.FindAsync(Key("contact-1"), CancellationToken.None);
        Assert.Equal((FollowUpState.Sent, 1, "SM-found"), (record?.State, record?.Attempts, record?.Outcome?.ProviderMessageId));
        Assert.Single(run.Sms.Messages);
        Assert.Equal(1, Assert.Single(run.Sms.Questions).Attempts);
    }

    /// <summary>An SMS whose send got no answer and that the provider does not have is sent again, once, as attempt 2.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Reconcile_UnknownSmsTheProviderDoesNotHave_IsSentAgainOnce()
    {
        var answers = new ConcurrentQueue<SendResult>([SendResult.Unknown("No answer within 30 seconds."), SendResult.Sent("SM-2")]);
        await using var run = await StartAsync(
            _ => answers.TryDequeue(out var answer) ? answer : SendResult.PermanentFailure("a third send"),
            _ => Reconciliation.Absent("No message to the number since the attempt began, and its validity period has passed."));
        await run.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);

        run.Clock.Advance(TimeSpan.FromMinutes(1));
        await run.Dispatcher.RunOnceAsync();
        await run.Dispatcher.RunOnceAsync();
        run.Clock.Advance(TimeSpan.FromHours(1));
        await run.Dispatcher.RunOnceAsync();

        var record = await run.Store.FindAsync(Key("contact-1"), CancellationToken.None);
        Assert.Equal((FollowUpState.Sent, 2, "SM-2"), (record?.State, record?.Attempts, record?.Outcome?.ProviderMessageId));
        Assert.Equal([1, 2], run.Sms.Messages.Select(m => m.Attempt));
    }

    /// <summary>
    /// An unknown SMS the provider cannot be asked about is settled by an operator as not sent: it is sent again once, and
    /// the history shows who decided and why.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Operator_SettlesAnUnknownSmsAsNotSent_ItIsSentAgainOnce()
    {
        var answers = new ConcurrentQueue<SendResult>([SendResult.Unknown("No answer within 30 seconds."), SendResult.Sent("SM-2")]);
        await using var run = await StartAsync(_ => answers.TryDequeue(out var answer) ? answer : SendResult.PermanentFailure("a third send"));
        await run.Engine.HandleCallCompletedAsync(Call("contact-1"), SmsOnly);
        run.Clock.Advance(TimeSpan.FromMinutes(5));

        var settled = await run.Operator.SettleAsNotSentAsync(Key("contact-1"), new OperatorNote("ops@acme.example", "Twilio's console shows no message to this number."));
        await run.Dispatcher.RunOnceAsync();
        await run.Dispatcher.RunOnceAsync();
        var again = await run.Operator.SettleAsNotSentAsync(Key("contact-1"), new OperatorNote("ops@acme.example", "Clicked twice."));

        Assert.True(settled.Applied);
        Assert.False(again.Applied);
        var record = await run.Store.FindAsync(Key("contact-1"), CancellationToken.None);
        Assert.Equal((FollowUpState.Sent, 2, "SM-2"), (record?.State, record?.Attempts, record?.Outcome?.ProviderMessageId));
        Assert.Equal(2, run.Sms.Messages.Count);
        var history = await run.Store.ReadHistoryAsync(Key("contact-1"), CancellationToken.None);
        Assert.Equal([FollowUpState.Claimed, FollowUpState.Sending, FollowUpState.Unknown, FollowUpState.Waiting, FollowUpState.Sending, FollowUpState.Sent], history.Select(e => e.State));
        var decided = history[3];
        Assert.Equal((Start.AddMinutes(5), "ops@acme.example", OutcomeReason.OperatorDecision), (decided.At, decided.Outcome?.DecidedBy, decided.Outcome?.Reason));
        Assert.Contains("Twilio's console shows no message to this number.", decided.Outcome?.Detail, StringComparison.Ordinal);
    }
}
