using System.Diagnostics;
using System.Runtime.CompilerServices;
using FollowUps.Outbox;
using FollowUps.Tests.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace FollowUps.Tests.Outbox;

/// <summary>The one timer a delivery keeps its sends' leases alive with.</summary>
public sealed class LeaseKeeperTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly FollowUpKey Key = new("acct", "camp", "contact", FollowUpKind.Sms);

    /// <summary>
    /// Found by review: one timer serves every send, and the system clock's timers run their callbacks in the execution
    /// context they were made in. Made inside the first call's send, the timer ran every later renewal (any call's, the
    /// dispatcher's) as part of that call: under its activity (so the store's spans joined a finished call's trace) and
    /// with its async-local values (a host's tenant, a logging scope), for as long as sends kept it ticking. A renewal
    /// belongs to no caller.
    /// </summary>
    [Fact]
    public async Task Renewal_TimerMadeInsideACallersActivity_RunsOutsideIt()
    {
        var time = new ContextFlowingTimeProvider();
        var store = new RecordingStore(time);
        var keeper = new LeaseKeeper(store, time, Lease);
        var held = new LeaseKeeper.HeldRecord(await ClaimAsync(store, time));

        using (new Activity("FollowUps.HandleCallCompleted").Start())
        {
            keeper.Hold(held);
        }

        time.Advance(Lease / 2);
        await keeper.ReleaseAsync(held);

        store.RenewedUnder.Should().NotBeEmpty("the lease is renewed once a third of it has passed");
        store.RenewedUnder.Should().OnlyContain(activity => activity == null, "the renewal is no part of the call that happened to start the timer");
    }

    /// <summary>
    /// Found by review: a follow-up can be held late in its lease (a leased row that waited its turn). The keeper counted a
    /// third of the lease from the hold, so one held at 80 % of its lease was first renewed after the lease had ended and
    /// a dispatcher could take it over mid-send; it counts from when the lease was set, and renews at its first tick.
    /// </summary>
    [Fact]
    public async Task Renewal_HeldLateInItsLease_IsRenewedAtTheFirstTick()
    {
        var time = new FakeTimeProvider();
        var store = new RecordingStore(time);
        var keeper = new LeaseKeeper(store, time, Lease);
        var held = new LeaseKeeper.HeldRecord(await ClaimAsync(store, time));

        time.Advance(Lease * 0.8);
        keeper.Hold(held);
        time.Advance(Lease / 6);
        await keeper.ReleaseAsync(held);

        store.RenewedUnder.Should().ContainSingle("the lease has a fifth left at the hold: it is renewed at the first tick, before it ends");
    }

    /// <summary>
    /// Found by review: the keeper looks at its follow-ups only when its timer ticks, a sixth of the lease apart (and a
    /// sixth after the hold when the timer starts with it). A follow-up held in the last sixth of its lease (a leased row
    /// that waited its turn behind its account's other sends, for a sender that says when its request leaves) was
    /// renewed only after its lease had ended, so a dispatcher could take it over while its sender waited. One already due
    /// for renewal at the hold is renewed then.
    /// </summary>
    [Fact]
    public async Task Renewal_HeldInTheLastSixthOfItsLease_IsRenewedBeforeTheLeaseEnds()
    {
        var time = new FakeTimeProvider();
        var store = new RecordingStore(time);
        var keeper = new LeaseKeeper(store, time, Lease);
        var claimed = await ClaimAsync(store, time);
        var held = new LeaseKeeper.HeldRecord(claimed);

        time.Advance(Lease * 0.9);
        keeper.Hold(held);
        time.Advance(claimed.LeaseExpiresAt!.Value - time.GetUtcNow() - TimeSpan.FromSeconds(1));
        await keeper.ReleaseAsync(held); // Waits for a renewal under way; the clock stays a second before the lease's end.

        store.RenewedUnder.Should().ContainSingle("the lease had a tenth left at the hold: it is renewed before it ends, not at a tick after");
        (await store.FindAsync(Key, CancellationToken.None))!.LeaseExpiresAt.Should().BeAfter(claimed.LeaseExpiresAt!.Value);
    }

    /// <summary>
    /// The keeper's timer ran on until its next tick (a sixth of the lease: 20 s by default) after the last send, holding
    /// the keeper, so an engine its host let go of stayed alive with its whole store until then (every store a benchmark
    /// or a test host made in those seconds). The timer holds the keeper weakly and ends itself when the keeper is gone.
    /// </summary>
    [Fact]
    public async Task Keeper_LetGoOfWhileItsTimerRuns_IsCollected()
    {
        var keeper = await HoldAndReleaseOnTheSystemClockAsync();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        keeper.TryGetTarget(out _).Should().BeFalse("nothing but its timer refers to the keeper, and the timer does not keep it alive");
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // No local of the caller's frame may hold the keeper.
    private static async Task<WeakReference<LeaseKeeper>> HoldAndReleaseOnTheSystemClockAsync()
    {
        var store = new RecordingStore(TimeProvider.System);
        var keeper = new LeaseKeeper(store, TimeProvider.System, Lease);
        var held = new LeaseKeeper.HeldRecord(await ClaimAsync(store, TimeProvider.System));
        keeper.Hold(held); // Starts the timer: its first tick is a sixth of the lease away.
        await keeper.ReleaseAsync(held);
        return new WeakReference<LeaseKeeper>(keeper);
    }

    private static async Task<FollowUpRecord> ClaimAsync(IFollowUpStore store, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var record = new FollowUpRecord
        {
            Key = Key,
            CallId = "call-1",
            Targets = [],
            State = FollowUpState.Claimed,
            ClaimedAt = now,
            Deadline = now.AddDays(1),
            LeaseOwner = "worker-1",
            LeaseExpiresAt = now + Lease,
        };
        (await store.ClaimAsync(record, CancellationToken.None)).Won.Should().BeTrue();
        return record;
    }

    /// <summary>A fake clock whose timers, like the system clock's, run their callbacks in the execution context they were made in.</summary>
    private sealed class ContextFlowingTimeProvider : FakeTimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var context = ExecutionContext.Capture(); // Null when the caller suppressed the flow.
            return base.CreateTimer(
                s =>
                {
                    if (context is null)
                    {
                        callback(s);
                    }
                    else
                    {
                        ExecutionContext.Run(context, c => callback(c), s);
                    }
                },
                state,
                dueTime,
                period);
        }
    }

    /// <summary>Records the activity each update ran under.</summary>
    private sealed class RecordingStore(TimeProvider time) : ForwardingStore(time)
    {
        public List<string?> RenewedUnder { get; } = [];

        public override Task<bool> TryUpdateAsync(FollowUpRecord current, FollowUpRecord next, CancellationToken cancellationToken)
        {
            RenewedUnder.Add(Activity.Current?.OperationName);
            return base.TryUpdateAsync(current, next, cancellationToken);
        }
    }
}
