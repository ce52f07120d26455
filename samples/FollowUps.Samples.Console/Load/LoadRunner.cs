using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.Samples.Load;

/// <summary>
/// Drives generated calls (<see cref="LoadCalls"/>) through <see cref="IFollowUpEngine.HandleCallCompletedAsync"/> on one
/// thread, on the store the settings name, with senders that accept at once (<see cref="LoadSenders"/>), and measures
/// each call (on SQLite, with the durability <see cref="LoadSettings.Synchronous"/> names): its scheduled start, its start, when it first reached a sender, when it returned; and how long the store
/// and the senders took (<see cref="TimedStore{TStore}"/>). A warm-up of other contacts, under another account, runs first.
/// </summary>
internal static class LoadRunner
{
    /// <summary>The account of the warm-up calls, so the measured account's outbox holds only the measured calls.</summary>
    public const string WarmUpAccountId = "acme-dental-warm-up";

    private const int ProgressEvery = 256;

    /// <summary>Runs the load; <paramref name="progress"/> hears the number of measured calls done every few hundred calls.</summary>
    public static async Task<LoadResult> RunAsync(LoadSettings settings, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Calls);
        if (settings.Rate is <= 0 or double.NaN or double.PositiveInfinity)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Rate, "The rate must be a positive number of calls a second.");
        }

        var timings = new LoadTimings();
        var senders = new LoadSenders(timings);
        await using var provider = Services(settings, timings, senders).BuildServiceProvider();
        var engine = provider.GetRequiredService<IFollowUpEngine>();
        var synchronous = settings.Store == LoadStore.Sqlite ? provider.GetRequiredService<Sqlite.SqliteFollowUpStore>().Synchronous : (Sqlite.SqliteSynchronous?)null;
        var doNotContact = provider.GetRequiredService<ISuppressionList>();
        foreach (var phone in LoadCalls.DoNotContactList)
        {
            await doNotContact.AddAsync(LoadCalls.AccountId, SuppressionTargetKind.Phone, phone, cancellationToken: cancellationToken).ConfigureAwait(false);
            await doNotContact.AddAsync(WarmUpAccountId, SuppressionTargetKind.Phone, phone, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var now = TimeProvider.System.GetUtcNow();
        var warmUp = LoadCalls.Generate(settings.WarmUpCalls, settings.Seed + 1, WarmUpAccountId, "w-", now);
        await RunCallsAsync(engine, senders, warmUp, new long[warmUp.Calls.Count], null, null, cancellationToken).ConfigureAwait(false);

        var load = LoadCalls.Generate(settings.Calls, settings.Seed, LoadCalls.AccountId, "c-", now);
        var times = new CallTimes(settings.Calls);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        timings.Reset();
        var collector = GarbageCollections.Now();
        var outcomes = await RunCallsAsync(engine, senders, load, times.Scheduled, times, settings.Rate, cancellationToken, progress).ConfigureAwait(false);
        var collections = GarbageCollections.Now() - collector;

        var toSender = new List<long>(settings.Calls);
        var durations = new long[settings.Calls];
        var sms = new int[settings.Calls];
        var emails = new int[settings.Calls];
        for (var i = 0; i < settings.Calls; i++)
        {
            durations[i] = times.Ended[i] - times.Started[i];
            if (senders.FirstSend(i) is var sent and > 0)
            {
                toSender.Add(sent - times.Scheduled[i]);
            }

            (sms[i], emails[i]) = (senders.Sms(i), senders.Emails(i));
        }

        return new LoadResult
        {
            Settings = settings,
            StoreSynchronous = synchronous,
            Calls = load,
            Outcomes = outcomes,
            Elapsed = Stopwatch.GetElapsedTime(times.Scheduled[0], times.Ended[^1]),
            ToSender = LatencySummary.Of([.. toSender]),
            Duration = LatencySummary.Of(durations),
            ScheduledStarts = times.Scheduled,
            Starts = times.Started,
            SmsSent = sms,
            EmailsSent = emails,
            Strays = senders.Strays,
            Stages = [.. Enum.GetValues<LoadStage>().Select(stage => new StageTime(stage, timings.Time(stage), timings.Count(stage)))],
            CallTime = Stopwatch.GetElapsedTime(0, durations.Sum()),
            Collections = collections,
        };
    }

    private static ServiceCollection Services(LoadSettings settings, LoadTimings timings, LoadSenders senders)
    {
        var services = new ServiceCollection();
        var builder = services.AddFollowUps(SampleAccount.Configure)
            .UseSmsSender(_ => senders)
            .UseEmailSender(_ => senders);
        if (settings.Store == LoadStore.Memory)
        {
            builder.UseStore(provider => new TimedStore<InMemoryFollowUpStore>(provider.GetRequiredService<InMemoryFollowUpStore>(), timings));
        }
        else
        {
            var path = settings.DatabasePath ?? throw new ArgumentException("A load run on SQLite needs a database path.", nameof(settings));
            if (File.Exists(path))
            {
                throw new ArgumentException($"A load run starts on a fresh database, and {path} exists.", nameof(settings));
            }

            // UseSqliteStore registers SqliteFollowUpStore itself; the outbox and the list are then the timed wrapper of it.
            builder.UseSqliteStore(o => (o.Path, o.Synchronous) = (path, settings.Synchronous))
                .UseStore(provider => new TimedStore<Sqlite.SqliteFollowUpStore>(provider.GetRequiredService<Sqlite.SqliteFollowUpStore>(), timings));
        }

        return services;
    }

    private static async Task<CallOutcome[]> RunCallsAsync(
        IFollowUpEngine engine, LoadSenders senders, LoadCalls load, long[] scheduled, CallTimes? times, double? rate,
        CancellationToken cancellationToken, Action<int>? progress = null)
    {
        var calls = load.Calls;
        var outcomes = new CallOutcome[calls.Count];
        senders.Start(calls);
        var t0 = Stopwatch.GetTimestamp();
        var ticksPerCall = rate is { } r ? Stopwatch.Frequency / r : 0;
        for (var i = 0; i < calls.Count; i++)
        {
            var started = rate is null ? Stopwatch.GetTimestamp() : WaitUntil(t0 + (long)(i * ticksPerCall));
            scheduled[i] = rate is null ? started : t0 + (long)(i * ticksPerCall);
            senders.Current = i;
            var call = calls[i];
            outcomes[i] = CallOutcome.Of(await engine.HandleCallCompletedAsync(call, LoadCalls.Campaigns[call.CampaignId], cancellationToken).ConfigureAwait(false));
            if (times is not null)
            {
                (times.Started[i], times.Ended[i]) = (started, Stopwatch.GetTimestamp());
            }

            if ((i + 1) % ProgressEvery == 0 || i + 1 == calls.Count)
            {
                progress?.Invoke(i + 1);
            }
        }

        senders.Current = -1;
        return outcomes;
    }

    /// <summary>
    /// Waits for the call's scheduled start: sleeps while more than 2 ms remain, then spins, so a call starts within
    /// microseconds of its time; returns when it started (late when the calls before ran long: that lateness is latency).
    /// </summary>
    private static long WaitUntil(long due)
    {
        long now;
        while ((now = Stopwatch.GetTimestamp()) < due)
        {
            if (due - now > Stopwatch.Frequency / 500)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(20);
            }
        }

        return now;
    }

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> of each measured call's scheduled start, start and return.</summary>
    private sealed class CallTimes(int count)
    {
        public long[] Scheduled { get; } = new long[count];

        public long[] Started { get; } = new long[count];

        public long[] Ended { get; } = new long[count];
    }
}
