using Microsoft.Extensions.Time.Testing;
using FollowUps.Twilio.Tests.Support;

namespace FollowUps.Twilio.Tests.Delivery;

/// <summary>The sender's <see cref="ISendReconciler"/> asked directly about a record, against the loopback Messages API.</summary>
public sealed class TwilioSmsSenderReconcileTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 15, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private FakeTwilioApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTwilioApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Reconcile_RowWithoutAttemptStartAndNoMessage_CannotTellNeverAbsent()
    {
        await using var host = new TwilioTestHost(_api, timeProvider: _time);
        var unknown = OlderSchemaRow(claimedAt: Now.AddHours(-2));

        var answer = await ((ISendReconciler)host.Sender).ReconcileAsync(unknown, CancellationToken.None);

        answer.Verdict.Should().Be(ReconciliationVerdict.CannotTell, "the claim is not when the attempt began, so the validity period cannot be judged from it");
        answer.Detail.Should().Contain("start is unknown").And.Contain("operator");
        _api.Listed.Should().ContainSingle();
    }

    [Fact]
    public async Task Reconcile_RowWithoutAttemptStartAndItsMessage_FindsIt()
    {
        await using var host = new TwilioTestHost(_api, timeProvider: _time);
        var unknown = OlderSchemaRow(claimedAt: Now.AddHours(-2));
        _api.Seed(new FakeMessage("SM" + new string('a', 32), unknown.Sms!.To, TwilioTestHost.FromNumber, unknown.Sms.Body, Now.AddMinutes(-90)));

        var answer = await ((ISendReconciler)host.Sender).ReconcileAsync(unknown, CancellationToken.None);

        answer.Should().BeEquivalentTo(new { Verdict = ReconciliationVerdict.Found, ProviderMessageId = "SM" + new string('a', 32) });
    }

    /// <summary>An unknown SMS follow-up as a store written before <see cref="FollowUpRecord.AttemptStartedAt"/> existed returns it.</summary>
    private static FollowUpRecord OlderSchemaRow(DateTimeOffset claimedAt) => TwilioTestHost.Unknown(TwilioTestHost.Message(), claimedAt, attemptStartedAt: null);
}
