namespace FollowUps.Samples.Load;

/// <summary>What a load run does: how many calls, at what rate, on which store.</summary>
internal sealed record LoadSettings
{
    /// <summary>The measured calls.</summary>
    public required int Calls { get; init; }

    /// <summary>Calls a second, open loop (call i is scheduled at t0 + i / rate); <see langword="null"/> for a closed loop.</summary>
    public double? Rate { get; init; }

    /// <summary>The store the engine runs on.</summary>
    public LoadStore Store { get; init; } = LoadStore.Sqlite;

    /// <summary>What each SQLite commit waits for (<c>--sqlite-synchronous full|normal</c>); unused in memory.</summary>
    public Sqlite.SqliteSynchronous Synchronous { get; init; } = Sqlite.SqliteSynchronous.Full;

    /// <summary>The SQLite file, which must not exist yet (a load run starts on a fresh database); unused in memory.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Seeds the generated calls: the same seed, the same calls.</summary>
    public int Seed { get; init; } = 14;

    /// <summary>Calls run before the measured ones (another account, other contacts), so the JIT and the caches are warm.</summary>
    public int WarmUpCalls { get; init; } = 1_000;
}

/// <summary>The store a load run uses.</summary>
internal enum LoadStore
{
    /// <summary>The sample's embedded default: FollowUps.Sqlite on a fresh file.</summary>
    Sqlite,

    /// <summary>The in-memory store (the library's development default).</summary>
    Memory,
}
