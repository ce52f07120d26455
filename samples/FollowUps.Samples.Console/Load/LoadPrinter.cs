using System.Globalization;
using Spectre.Console;

namespace FollowUps.Samples.Load;

/// <summary>Prints a load run: what ran, the throughput, the latency percentiles, and where the time went.</summary>
internal static class LoadPrinter
{
    public static void Print(IAnsiConsole console, LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var settings = result.Settings;
        var store = result.StoreSynchronous is { } synchronous
            ? $"SQLite ({settings.DatabasePath}, synchronous={synchronous.ToString().ToUpperInvariant()})"
            : "the in-memory store";
        var mode = settings.Rate is { } rate ? $"open loop at {F(rate, 0)} calls/s" : "closed loop";
        console.WriteLine($"Load: {F(result.Outcomes.Count, 0)} calls on {store}, {mode}, seed {settings.Seed}.");

#if DEBUG
        console.WriteLine("This is a Debug build: pass -c Release to dotnet run for figures worth quoting.");
#endif

        var kinds = result.Calls.Kinds.CountBy(k => k).ToDictionary();
        int Sent(FollowUpKind kind) => result.Outcomes.Count(r => r[kind] == OutcomeStatus.Sent);
        var run = new Table().AddColumns("Run", "");
        run.AddRow("Calls", string.Join(", ", Enum.GetValues<LoadCallKind>().Select(k => $"{F(kinds.GetValueOrDefault(k), 0)} {Label(k)}")));
        run.AddRow("Warm-up", $"{F(settings.WarmUpCalls, 0)} calls first, not measured");
        run.AddRow("Sent", $"{F(Sent(FollowUpKind.Sms), 0)} SMS, {F(Sent(FollowUpKind.Email), 0)} emails, {F(Sent(FollowUpKind.MissedCallEmail), 0)} missed-call emails");
        run.AddRow("Elapsed", $"{F(result.Elapsed.TotalSeconds, 3)} s");
        run.AddRow("Throughput", $"{F(result.CallsPerSecond, 0)} calls/s");
        var gc = result.Collections;
        run.AddRow("GC", $"{F(gc.Gen0, 0)} collections (gen1 {F(gc.Gen1, 0)}, gen2 {F(gc.Gen2, 0)}), paused {F(gc.Paused.TotalMilliseconds, 1)} ms: {F(100 * gc.Paused / result.Elapsed, 1)} % of the run");
        if (result.Strays > 0)
        {
            run.AddRow("Strays", $"{F(result.Strays, 0)} messages for a contact other than the running call's");
        }

        console.Write(run);

        var latency = new Table().AddColumns("Latency (ms)", "calls", "p50", "p95", "p99", "max");
        foreach (var column in latency.Columns.Skip(1))
        {
            column.RightAligned();
        }

        latency.AddRow(Row(settings.Rate is null ? "start → sender" : "scheduled → sender", result.ToSender));
        latency.AddRow(Row("call duration", result.Duration));
        console.Write(latency);

        var shares = new Table().AddColumns("Where the time went", "operations", "total ms", "µs per call", "share");
        foreach (var column in shares.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var stage in result.Stages)
        {
            shares.AddRow(Share(result, Label(stage.Stage), F(stage.Count, 0), stage.Time));
        }

        shares.AddRow(Share(result, "Engine (the rest)", "", result.EngineTime));
        shares.AddRow(Share(result, "Whole calls", F(result.Outcomes.Count, 0), result.CallTime));
        console.Write(shares);
    }

    private static string Label(LoadCallKind kind) => kind switch
    {
        LoadCallKind.AnsweredSmsAndEmail => "SMS+email",
        LoadCallKind.AnsweredSmsOnly => "SMS only",
        LoadCallKind.MissedWithEmail => "missed",
        _ => "do-not-contact",
    };

    private static string Label(LoadStage stage) => stage switch
    {
        LoadStage.StoreClaim => "Store: claim",
        LoadStage.StoreClaimAndStart => "Store: claim and start",
        LoadStage.StoreUpdate => "Store: update",
        LoadStage.StoreSuppressionLookup => "Store: do-not-contact lookup",
        LoadStage.StoreOther => "Store: other",
        LoadStage.SmsSender => "SMS sender",
        _ => "Email sender",
    };

    private static string[] Row(string name, LatencySummary summary) =>
        [name, F(summary.Count, 0), Ms(summary.P50), Ms(summary.P95), Ms(summary.P99), Ms(summary.Max)];

    private static string[] Share(LoadResult result, string name, string operations, TimeSpan time) =>
    [
        name,
        operations,
        F(time.TotalMilliseconds, 1),
        F(time.TotalMicroseconds / result.Outcomes.Count, 2),
        $"{F(100 * time / result.CallTime, 1)} %",
    ];

    private static string Ms(TimeSpan time) => F(time.TotalMilliseconds, 3);

    private static string F(double value, int decimals) => value.ToString($"N{decimals}", CultureInfo.InvariantCulture);
}
