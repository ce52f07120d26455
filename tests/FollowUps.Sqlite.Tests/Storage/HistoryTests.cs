using FollowUps.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Sqlite.Tests.Storage;

/// <summary>
/// The history table: each change and report is kept with the write it records (one transaction: both or neither), in
/// order, in the file; the fields of schema version 2 (attempt start, attempt of a report, who decided) read back.
/// </summary>
public sealed class HistoryTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Claims.At.AddMinutes(1));

    [Fact]
    public async Task History_OfAClaimItsMovesAndAReport_IsKeptInOrderAcrossReopeningTheFile()
    {
        var store = _folder.Store(time: _time);
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);
        var sending = await MoveAsync(store, claim, r => r with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = _time.GetUtcNow(), DueAt = null });
        _time.Advance(TimeSpan.FromSeconds(10));
        var relet = await MoveAsync(store, sending, r => r with { LeaseExpiresAt = r.LeaseExpiresAt!.Value.AddMinutes(5) });
        var unknown = Unknown(relet);
        await MoveAsync(store, relet, _ => unknown);
        var report = new DeliveryReport { ProviderMessageId = "SM1", Status = DeliveryStatus.Delivered, Key = claim.Key, Attempt = 1, ReceivedAt = Claims.At.AddMinutes(3) };
        (await store.RecordDeliveryAsync(report, CancellationToken.None)).Should().Be(DeliveryUpdate.Applied);
        SqliteConnection.ClearAllPools();

        var reopened = _folder.Store();

        (await reopened.ReadHistoryAsync(claim.Key, CancellationToken.None)).Should().Equal(
            new FollowUpHistoryEntry { At = Claims.At, State = FollowUpState.Claimed, Attempt = 0 },
            new FollowUpHistoryEntry { At = Claims.At.AddMinutes(1), State = FollowUpState.Sending, Attempt = 1 },
            new FollowUpHistoryEntry { At = Claims.At.AddMinutes(1).AddSeconds(10), State = FollowUpState.Unknown, Attempt = 1, Outcome = unknown.Outcome },
            new FollowUpHistoryEntry { At = Claims.At.AddMinutes(3), State = FollowUpState.Unknown, Attempt = 1, Delivery = report });
        (await reopened.FindAsync(claim.Key, CancellationToken.None)).Should().BeEquivalentTo(
            unknown with { Delivery = report, LeaseOwner = null, LeaseExpiresAt = null, DueAt = Claims.At.AddMinutes(1).AddSeconds(10) },
            "a report about an unknown follow-up's attempt makes it due at once (the store's clock), to be recorded as sent");
        (await reopened.ReadHistoryAsync(Claims.NewKey(), CancellationToken.None)).Should().BeEmpty("a follow-up never claimed has no history");
    }

    [Fact]
    public async Task RecordDelivery_ReportOfAnEarlierAttempt_IsKeptInTheHistoryAsThatAttemptsAndNotApplied()
    {
        var store = _folder.Store(time: _time);
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);
        var first = await MoveAsync(store, claim, r => r with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = _time.GetUtcNow() });
        var waiting = await MoveAsync(store, first, r => r with { State = FollowUpState.Waiting, LeaseOwner = null, LeaseExpiresAt = null, DueAt = _time.GetUtcNow(), WaitReason = WaitReason.Retry });
        var second = await MoveAsync(store, waiting, r => r with { State = FollowUpState.Sending, Attempts = 2, AttemptStartedAt = _time.GetUtcNow(), LeaseOwner = "dispatcher", WaitReason = WaitReason.None });
        var late = new DeliveryReport { ProviderMessageId = "SM-first", Status = DeliveryStatus.Delivered, Key = claim.Key, Attempt = 1, ReceivedAt = Claims.At.AddMinutes(9) };

        (await store.RecordDeliveryAsync(late, CancellationToken.None)).Should().Be(DeliveryUpdate.OtherAttempt);

        (await store.FindAsync(claim.Key, CancellationToken.None)).Should().BeEquivalentTo(second, "another attempt's report is not the follow-up's delivery");
        (await store.ReadHistoryAsync(claim.Key, CancellationToken.None))[^1].Should().Be(
            new FollowUpHistoryEntry { At = late.ReceivedAt, State = FollowUpState.Sending, Attempt = 1, Delivery = late });
    }

    [Fact]
    public async Task Outcome_DecidedByAnOperator_ReadsBackWithWhoDecidedAndTheAttemptStart()
    {
        var store = _folder.Store(time: _time);
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);
        var sending = await MoveAsync(store, claim, r => r with { State = FollowUpState.Sending, Attempts = 1, AttemptStartedAt = Claims.At.AddSeconds(7) });
        var decided = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Sent, Reason = OutcomeReason.OperatorDecision, Detail = "Seen in the Twilio console.", ProviderMessageId = "SM9", DecidedBy = "ops@acme.example" };
        var sent = await MoveAsync(store, sending, r => r with { State = FollowUpState.Sent, LeaseOwner = null, LeaseExpiresAt = null, CompletedAt = _time.GetUtcNow(), Outcome = decided });

        var read = await store.FindAsync(claim.Key, CancellationToken.None);

        read.Should().BeEquivalentTo(sent);
        read!.AttemptStartedAt.Should().Be(Claims.At.AddSeconds(7));
        read.Outcome!.DecidedBy.Should().Be("ops@acme.example");
        (await store.ReadHistoryAsync(claim.Key, CancellationToken.None))[^1].Outcome!.DecidedBy.Should().Be("ops@acme.example");
    }

    [Fact]
    public async Task CancelPending_EachCancelledFollowUp_HasItsEntryAtNow()
    {
        var store = _folder.Store(time: _time);
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);
        var outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Skipped, Reason = OutcomeReason.AlreadyCancelled, Detail = "Joined the list." };
        var now = Claims.At.AddMinutes(4);

        var cancelled = await store.CancelPendingAsync(claim.Key.AccountId, [claim.Targets[1]], outcome, now, CancellationToken.None);

        cancelled.Should().ContainSingle();
        (await store.ReadHistoryAsync(claim.Key, CancellationToken.None)).Should().Equal(
            new FollowUpHistoryEntry { At = Claims.At, State = FollowUpState.Claimed, Attempt = 0 },
            new FollowUpHistoryEntry { At = now, State = FollowUpState.Cancelled, Attempt = 0, Outcome = cancelled[0].Outcome });
    }

    [Fact]
    public async Task TryUpdate_HistoryCannotBeWritten_NeitherTheMoveNorItsEntryIsCommitted()
    {
        var store = _folder.Store(time: _time);
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);
        RawFile.Execute(_folder.File(), "CREATE TRIGGER fail_history BEFORE INSERT ON follow_up_history BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");

        var act = () => store.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1 }, CancellationToken.None);

        (await act.Should().ThrowAsync<IOException>()).WithMessage("*injected fault*");
        (await store.FindAsync(claim.Key, CancellationToken.None)).Should().BeEquivalentTo(claim, "the move rolled back with its entry");
        (await store.ReadHistoryAsync(claim.Key, CancellationToken.None)).Should().ContainSingle().Which.State.Should().Be(FollowUpState.Claimed);
    }

    [Fact]
    public async Task TryUpdate_MoveCannotBeWritten_ItsEntryIsNotCommittedEither()
    {
        var store = _folder.Store(time: _time);
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);
        RawFile.Execute(_folder.File(), "CREATE TRIGGER fail_move BEFORE UPDATE ON follow_ups BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");

        var act = () => store.TryUpdateAsync(claim, claim with { State = FollowUpState.Sending, Attempts = 1 }, CancellationToken.None);

        await act.Should().ThrowAsync<IOException>();
        (await store.ReadHistoryAsync(claim.Key, CancellationToken.None)).Should().ContainSingle().Which.State.Should().Be(FollowUpState.Claimed);
    }

    [Fact]
    public async Task Claim_HistoryCannotBeWritten_NothingIsClaimed()
    {
        var store = _folder.Store(time: _time);
        await store.FindAsync(Claims.NewKey(), CancellationToken.None);
        RawFile.Execute(_folder.File(), "CREATE TRIGGER fail_history BEFORE INSERT ON follow_up_history BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
        var claim = Claims.Sms(Claims.NewKey());

        var act = () => store.ClaimAsync(claim, CancellationToken.None);

        await act.Should().ThrowAsync<IOException>();
        (await store.FindAsync(claim.Key, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task LeaseDue_UnknownDueToBeAskedAboutBeforeItsDeadline_IsLeased()
    {
        var store = _folder.Store(time: _time);
        var claim = Claims.Sms(Claims.NewKey());
        await store.ClaimAsync(claim, CancellationToken.None);
        var sending = await MoveAsync(store, claim, r => r with { State = FollowUpState.Sending, Attempts = 1 });
        var unknown = await MoveAsync(store, sending, r => Unknown(r) with { DueAt = Claims.At.AddMinutes(2) });

        var early = await store.LeaseDueAsync(new("dispatcher", Claims.At.AddMinutes(2).AddTicks(-1), Claims.At.AddMinutes(5), 10), CancellationToken.None);
        var due = await store.LeaseDueAsync(new("dispatcher", Claims.At.AddMinutes(2), Claims.At.AddMinutes(5), 10), CancellationToken.None);

        early.Should().BeEmpty();
        due.Should().ContainSingle().Which.Should().BeEquivalentTo(unknown with { LeaseOwner = "dispatcher", LeaseExpiresAt = Claims.At.AddMinutes(5) });
    }

    public void Dispose() => _folder.Dispose();

    private static FollowUpRecord Unknown(FollowUpRecord sending) => sending with
    {
        State = FollowUpState.Unknown,
        LeaseOwner = null,
        LeaseExpiresAt = null,
        DueAt = null,
        Outcome = new FollowUpOutcome { Kind = FollowUpKind.Sms, Status = OutcomeStatus.Unknown, Reason = OutcomeReason.NoProviderAnswer, Detail = "No answer in 10 s." },
    };

    private static async Task<FollowUpRecord> MoveAsync(SqliteFollowUpStore store, FollowUpRecord current, Func<FollowUpRecord, FollowUpRecord> change)
    {
        var next = change(current);
        (await store.TryUpdateAsync(current, next, CancellationToken.None)).Should().BeTrue();
        return next;
    }
}
