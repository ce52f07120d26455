using FollowUps.PostgreSql.Tests.Support;
using Npgsql;

namespace FollowUps.PostgreSql.Tests.Review;

/// <summary>
/// Every operation is safe to try again after a commit whose answer was lost (the store's promise, and the README's):
/// a proxy loses the server's reply to the commit, the store sees a dropped connection and tries again, and the answer
/// and the history must be those of one write.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes them in IAsyncLifetime.DisposeAsync.")]
public sealed class LostAnswerTests : IAsyncLifetime
{
    private static readonly SuppressionTarget Phone = new(SuppressionTargetKind.Phone, "+14155552671");
    private readonly string _schema = PostgresServer.NewSchemaName();
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();
    private AnswerDroppingProxy _proxy = null!;
    private NpgsqlDataSource _source = null!;
    private PostgreSqlFollowUpStore _store = null!;
    private PostgreSqlFollowUpStore _direct = null!;

    public async Task InitializeAsync()
    {
        (_proxy, var throughProxy) = AnswerDroppingProxy.Start(await PostgresServer.ConnectionStringAsync());
        _source = NpgsqlDataSource.Create(throughProxy);
        _store = new PostgreSqlFollowUpStore(new PostgreSqlStoreOptions { DataSource = _source, Schema = _schema, UseDatabaseClock = false, TransientRetries = 3 });
        _direct = await TestStores.CreateAsync(_schema);
        await _store.FindAsync(SampleFollowUps.NewKey(), CancellationToken.None); // The schema, created before any answer is lost.
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _source.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task Claim_WhoseAnswerWasLost_IsTriedAgainAndWinsWithOneHistoryEntry()
    {
        var claim = SampleFollowUps.Claim(_now, owner: "engine-1");
        _proxy.LoseNextAnswerTo("SELECT 1");

        var claimed = await _store.ClaimAsync(claim, CancellationToken.None);

        _proxy.Dropped.Should().Be(1);
        claimed.Won.Should().BeTrue("the claim finds its own claim id");
        (await _direct.ReadHistoryAsync(claim.Key, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task Move_WhoseAnswerWasLost_IsTriedAgainAndReportsItWrote()
    {
        var claim = SampleFollowUps.Claim(_now, owner: "engine-1");
        await _direct.ClaimAsync(claim, CancellationToken.None);
        _proxy.LoseNextAnswerTo("SELECT 1");

        var moved = await _store.TryUpdateAsync(claim, Sending(claim, 1), CancellationToken.None);

        _proxy.Dropped.Should().Be(1);
        moved.Should().BeTrue("the move finds its own result");
        (await _direct.ReadHistoryAsync(claim.Key, CancellationToken.None)).Select(entry => entry.State).Should().Equal(FollowUpState.Claimed, FollowUpState.Sending);
    }

    [Fact]
    public async Task ClaimAndStart_WhoseAnswerWasLost_IsTriedAgainAndAnswersWithTheRowItStarted()
    {
        var claim = SampleFollowUps.Claim(_now, owner: "engine-1");
        _proxy.LoseNextAnswerTo("SELECT 1");

        var start = await _store.ClaimAndStartAsync(claim, Sending(claim, 1), CancellationToken.None);

        _proxy.Dropped.Should().Be(1);
        (start.Won, start.Started, start.Suppression).Should().Be((true, true, null), "the try after the lost answer finds its own row, started by the first");
        start.Record.Should().BeEquivalentTo(await _direct.FindAsync(claim.Key, CancellationToken.None));
        (await _direct.ReadHistoryAsync(claim.Key, CancellationToken.None)).Select(entry => entry.State).Should().Equal(FollowUpState.Claimed, FollowUpState.Sending);
    }

    [Fact]
    public async Task CancelPending_WhoseCommitsAnswerWasLost_ReturnsTheFollowUpsItCancelled()
    {
        var claim = SampleFollowUps.Claim(_now);
        await _direct.ClaimAsync(claim, CancellationToken.None);
        _proxy.LoseNextAnswerTo("COMMIT");

        var cancelled = await _store.CancelPendingAsync(claim.Key.AccountId, [Phone], FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.Suppressed, "STOP"), _now, CancellationToken.None);

        _proxy.Dropped.Should().Be(1);
        cancelled.Select(record => (record.Key, record.State)).Should().Equal([(claim.Key, FollowUpState.Cancelled)], "the first try cancelled it; the caller is told so");
        (await _direct.ReadHistoryAsync(claim.Key, CancellationToken.None)).Select(entry => entry.State).Should().Equal(FollowUpState.Claimed, FollowUpState.Cancelled);
    }

    [Fact]
    public async Task CancelPending_WhoseFirstTryWasLostBeforeItsCommit_ReturnsEachCancelledFollowUpOnce()
    {
        var claim = SampleFollowUps.Claim(_now);
        await _direct.ClaimAsync(claim, CancellationToken.None);
        _proxy.LoseNextAnswerTo("SELECT 1"); // The pending row read under its lock: the transaction rolls back with the connection.

        var cancelled = await _store.CancelPendingAsync(claim.Key.AccountId, [Phone], FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.Suppressed, "STOP"), _now, CancellationToken.None);

        _proxy.Dropped.Should().Be(1);
        cancelled.Select(record => record.Key).Should().Equal([claim.Key], "the second try cancelled it, once");
        (await _direct.ReadHistoryAsync(claim.Key, CancellationToken.None)).Select(entry => entry.State).Should().Equal(FollowUpState.Claimed, FollowUpState.Cancelled);
    }

    [Fact]
    public async Task DeliveryReport_WhoseCommitsAnswerWasLost_IsAppliedOnceAndSaysApplied()
    {
        var (sent, messageId) = await SentAsync();
        var report = new DeliveryReport { Key = sent.Key, Attempt = 1, ProviderMessageId = messageId, Status = DeliveryStatus.Delivered, ReceivedAt = _now };
        _proxy.LoseNextAnswerTo("COMMIT");

        var update = await _store.RecordDeliveryAsync(report, CancellationToken.None);

        _proxy.Dropped.Should().Be(1);
        update.Should().Be(DeliveryUpdate.Applied, "the first try applied it: the report is not stale, it is this one");
        (await _direct.ReadHistoryAsync(sent.Key, CancellationToken.None)).Where(entry => entry.Delivery is not null).Should().ContainSingle();
    }

    [Fact]
    public async Task ReportOfAnEarlierAttempt_WhoseCommitsAnswerWasLost_IsKeptInTheHistoryOnce()
    {
        var (sent, messageId) = await SentAsync();
        var waiting = sent with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = _now };
        (await _direct.TryUpdateAsync(sent, waiting, CancellationToken.None)).Should().BeTrue();
        (await _direct.TryUpdateAsync(waiting, Sending(waiting, 2) with { LeaseOwner = "dispatcher-1" }, CancellationToken.None)).Should().BeTrue();
        var report = new DeliveryReport { Key = sent.Key, Attempt = 1, ProviderMessageId = messageId, Status = DeliveryStatus.Delivered, ReceivedAt = _now };
        _proxy.LoseNextAnswerTo("COMMIT");

        var update = await _store.RecordDeliveryAsync(report, CancellationToken.None);

        _proxy.Dropped.Should().Be(1);
        update.Should().Be(DeliveryUpdate.OtherAttempt);
        (await _direct.ReadHistoryAsync(sent.Key, CancellationToken.None)).Where(entry => entry.Delivery is not null).Should().ContainSingle("one report, one entry in the audit");
    }

    private static FollowUpRecord Sending(FollowUpRecord held, int attempt) =>
        held with { State = FollowUpState.Sending, Attempts = attempt, AttemptStartedAt = held.ClaimedAt, DueAt = null };

    /// <summary>A follow-up sent once (attempt 1) as a provider's message.</summary>
    private async Task<(FollowUpRecord Sent, string MessageId)> SentAsync()
    {
        var claim = SampleFollowUps.Claim(_now, owner: "engine-1");
        await _direct.ClaimAsync(claim, CancellationToken.None);
        var sending = Sending(claim, 1);
        (await _direct.TryUpdateAsync(claim, sending, CancellationToken.None)).Should().BeTrue();
        var messageId = $"SM{Guid.NewGuid():N}";
        var sent = sending with { State = FollowUpState.Sent, LeaseOwner = null, LeaseExpiresAt = null, CompletedAt = _now, Outcome = FollowUpOutcome.Skipped(FollowUpKind.Sms, OutcomeReason.None, "sent") with { Status = OutcomeStatus.Sent, ProviderMessageId = messageId } };
        (await _direct.TryUpdateAsync(sending, sent, CancellationToken.None)).Should().BeTrue();
        return (sent, messageId);
    }
}
