using FollowUps.Dispatch;

namespace FollowUps.Tests.Dispatch;

/// <summary>The dispatcher's count of follow-ups in work, and the wake-up its loop waits on.</summary>
public sealed class InFlightTests
{
    private static readonly FollowUpKey Quiet = new("quiet", "campaign-1", "contact-1", FollowUpKind.Sms);

    [Fact]
    public async Task InWork_AFollowUpThatFinishesJustAfter_IsCountedAndCompletesTheTask()
    {
        var working = new InFlight(share: 2, CancellationToken.None);
        var send = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        working.Start(Quiet, () => send.Task);

        var (count, finished) = working.InWork();
        send.SetResult(); // It ends after the loop read the count: the task it waits on must still wake it.

        count.Should().Be(1);
        await finished.WaitAsync(TimeSpan.FromSeconds(10));
        working.InWork().Count.Should().Be(0);
    }

    [Fact]
    public async Task InWork_AFollowUpStartedAfterTheRead_CompletesTheTaskWhenItFinishes()
    {
        var working = new InFlight(share: 2, CancellationToken.None);
        var (count, finished) = working.InWork();
        var send = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        working.Start(Quiet, () => send.Task);

        finished.IsCompleted.Should().BeFalse();
        send.SetResult();

        count.Should().Be(0);
        await finished.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
