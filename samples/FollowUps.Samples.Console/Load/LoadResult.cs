namespace FollowUps.Samples.Load;

/// <summary>What a load run measured, call by call and in sum.</summary>
internal sealed record LoadResult
{
    public required LoadSettings Settings { get; init; }

    /// <summary>What each commit of the SQLite store the run used waited for, as that store says; <see langword="null"/> in memory.</summary>
    public required Sqlite.SqliteSynchronous? StoreSynchronous { get; init; }

    /// <summary>The measured calls and their kinds.</summary>
    public required LoadCalls Calls { get; init; }

    /// <summary>What the engine reported for each call, by the calls' index.</summary>
    public required IReadOnlyList<CallOutcome> Outcomes { get; init; }

    /// <summary>From the first call's (scheduled) start to the last call's return.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Calls a second over <see cref="Elapsed"/>.</summary>
    public double CallsPerSecond => Outcomes.Count / Elapsed.TotalSeconds;

    /// <summary>From each call's scheduled start to its first message reaching a sender (calls that sent nothing left out).</summary>
    public required LatencySummary ToSender { get; init; }

    /// <summary>Each call's own duration: from its start to <see cref="IFollowUpEngine.HandleCallCompletedAsync"/> returning.</summary>
    public required LatencySummary Duration { get; init; }

    /// <summary>Each call's scheduled start (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): t0 + i / rate in an open loop, its start in a closed one.</summary>
    public required IReadOnlyList<long> ScheduledStarts { get; init; }

    /// <summary>Each call's start (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): never before its scheduled start.</summary>
    public required IReadOnlyList<long> Starts { get; init; }

    /// <summary>How many SMS each call's contact got, by the calls' index.</summary>
    public required IReadOnlyList<int> SmsSent { get; init; }

    /// <summary>How many emails (follow-up or missed-call) each call's contact got, by the calls' index.</summary>
    public required IReadOnlyList<int> EmailsSent { get; init; }

    /// <summary>Messages sent for another contact than the running call's; none in a correct run.</summary>
    public required int Strays { get; init; }

    /// <summary>The time the store and the senders took, stage by stage.</summary>
    public required IReadOnlyList<StageTime> Stages { get; init; }

    /// <summary>The sum of the calls' durations: the time inside the engine's entry point, waits left out.</summary>
    public required TimeSpan CallTime { get; init; }

    /// <summary>The garbage collections during the measured calls, and how long they paused the process.</summary>
    public required GarbageCollections Collections { get; init; }

    /// <summary>The engine's own time: <see cref="CallTime"/> less the store's and the senders'.</summary>
    public TimeSpan EngineTime => CallTime - Stages.Aggregate(TimeSpan.Zero, (sum, stage) => sum + stage.Time);
}

/// <summary>The time one stage took over a run, and how often it ran.</summary>
internal sealed record StageTime(LoadStage Stage, TimeSpan Time, long Count);

/// <summary>Garbage collections by generation (a gen1 collection also collects gen0, and is counted in both), and the time they paused the process.</summary>
internal readonly record struct GarbageCollections(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GarbageCollections Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GarbageCollections operator -(GarbageCollections after, GarbageCollections before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);
}
