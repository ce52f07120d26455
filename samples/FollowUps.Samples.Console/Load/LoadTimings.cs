using System.Diagnostics;

namespace FollowUps.Samples.Load;

/// <summary>Where a load run's time went outside the engine: what <see cref="TimedStore{TStore}"/> and <see cref="LoadSenders"/> add up.</summary>
internal sealed class LoadTimings
{
    private readonly long[] _ticks = new long[Enum.GetValues<LoadStage>().Length];
    private readonly long[] _counts = new long[Enum.GetValues<LoadStage>().Length];

    /// <summary>Adds the time from <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>) to now to <paramref name="stage"/>.</summary>
    public void Add(LoadStage stage, long started)
    {
        Interlocked.Add(ref _ticks[(int)stage], Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _counts[(int)stage]);
    }

    /// <summary>The time spent in <paramref name="stage"/>.</summary>
    public TimeSpan Time(LoadStage stage) => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _ticks[(int)stage]));

    /// <summary>How many times <paramref name="stage"/> was entered.</summary>
    public long Count(LoadStage stage) => Volatile.Read(ref _counts[(int)stage]);

    /// <summary>Forgets what the warm-up added.</summary>
    public void Reset()
    {
        Array.Clear(_ticks);
        Array.Clear(_counts);
    }
}

/// <summary>What a load run times apart from the engine.</summary>
internal enum LoadStage
{
    /// <summary><see cref="IFollowUpStore.ClaimAsync"/>.</summary>
    StoreClaim,

    /// <summary><see cref="IFollowUpClaimStarter.ClaimAndStartAsync"/>: a claim, the list's check and the move to sending in one write.</summary>
    StoreClaimAndStart,

    /// <summary><see cref="IFollowUpStore.TryUpdateAsync"/>.</summary>
    StoreUpdate,

    /// <summary><see cref="ISuppressionStore.FindSuppressionAsync"/>.</summary>
    StoreSuppressionLookup,

    /// <summary>Every other store method.</summary>
    StoreOther,

    /// <summary><see cref="ISmsSender.SendAsync"/>.</summary>
    SmsSender,

    /// <summary><see cref="IEmailSender.SendAsync"/>.</summary>
    EmailSender,
}
