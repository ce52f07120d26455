using System.Globalization;
using Spectre.Console;

namespace FollowUps.Samples.Load;

/// <summary>
/// The sample's load mode: <c>--load N [--rate R] [--store sqlite|memory] [--sqlite-synchronous full|normal] [--seed S]
/// [outbox-folder]</c>. On SQLite the
/// database is a fresh <c>load/followups.db</c> under the outbox folder (its earlier copy deleted first; the replay's
/// <c>followups.db</c> is never touched). Shows a progress bar, then the tables of <see cref="LoadPrinter"/>.
/// </summary>
internal static class LoadCommand
{
    /// <summary>Whether the command line asks for the load mode.</summary>
    public static bool IsLoad(IReadOnlyList<string> args) => args.Contains("--load");

    /// <summary>Parses the command line and runs the load; returns the exit code (0, or 1 when a follow-up failed, 2 for a bad command line).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var (settings, error) = Parse(args);
        if (error is not null)
        {
            console.WriteLine(error);
            console.WriteLine("Usage: --load N [--rate R] [--store sqlite|memory] [--sqlite-synchronous full|normal] [--seed S] [outbox-folder]");
            return 2;
        }

        LoadResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask($"{settings.Calls:N0} calls", maxValue: settings.Calls);
                result = await LoadRunner.RunAsync(settings, done => bar.Value = done).ConfigureAwait(false);
            })
            .ConfigureAwait(false);

        LoadPrinter.Print(console, result!);
        return result!.Strays == 0 && !result.Outcomes.Any(r => r.AnyFailed) ? 0 : 1;
    }

    private static (LoadSettings Settings, string? Error) Parse(IReadOnlyList<string> args)
    {
        int? calls = null;
        double? rate = null;
        var store = LoadStore.Sqlite;
        var synchronous = Sqlite.SqliteSynchronous.Full;
        var seed = 14;
        string? folder = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--load" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > LoadCalls.MaxCalls:
                    return (null!, $"--load {n:N0} is more calls than have a phone of their own; at most {LoadCalls.MaxCalls:N0}.");
                case "--load" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    (calls, i) = (n, i + 1);
                    break;
                case "--rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 && double.IsFinite(r):
                    (rate, i) = (r, i + 1);
                    break;
                case "--store" when value is "sqlite" or "memory":
                    (store, i) = (value == "memory" ? LoadStore.Memory : LoadStore.Sqlite, i + 1);
                    break;
                case "--sqlite-synchronous" when value is "full" or "normal":
                    (synchronous, i) = (value == "normal" ? Sqlite.SqliteSynchronous.Normal : Sqlite.SqliteSynchronous.Full, i + 1);
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s):
                    (seed, i) = (s, i + 1);
                    break;
                case var positional when !positional.StartsWith("--", StringComparison.Ordinal) && folder is null:
                    folder = positional;
                    break;
                default:
                    return (null!, $"Cannot read '{args[i]}'{(value is null ? "" : $" '{value}'")}.");
            }
        }

        if (calls is null)
        {
            return (null!, "--load needs the number of calls.");
        }

        return (new LoadSettings
        {
            Calls = calls.Value,
            Rate = rate,
            Store = store,
            Synchronous = synchronous,
            Seed = seed,
            DatabasePath = store == LoadStore.Sqlite ? FreshDatabase(Path.GetFullPath(folder ?? "outbox")) : null,
        }, null);
    }

    /// <summary>The load run's database, <c>load/followups.db</c> under the outbox folder, with what an earlier load run left deleted.</summary>
    private static string FreshDatabase(string outbox)
    {
        var folder = Directory.CreateDirectory(Path.Combine(outbox, "load"));
        foreach (var earlier in folder.EnumerateFiles("followups.db*"))
        {
            earlier.Delete();
        }

        return Path.Combine(folder.FullName, "followups.db");
    }
}
