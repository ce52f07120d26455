// Replays the calls in calls.json through the follow-up engine, on the embedded default store: an SQLite outbox
// database in the outbox folder (./outbox, or the first argument). Nothing leaves the machine: every SMS and email is
// written to a file there: texts as sms/*.txt, emails as email/*.eml (open them in any mail client). The database
// remembers what was sent, so a second run sends nothing again; --fresh deletes what earlier runs wrote first.
//
//   dotnet run --project samples/FollowUps.Samples.Console [outbox-folder] [--fresh]
//
// With --load N it drives N generated calls through the engine instead and prints throughput and latency (Load/):
//   dotnet run --project samples/FollowUps.Samples.Console -- --load N [--rate R] [--store sqlite|memory] [--seed S] [outbox-folder]
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FollowUps;
using FollowUps.Samples;
using FollowUps.Samples.Load;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;
if (LoadCommand.IsLoad(args))
{
    return await LoadCommand.RunAsync(args, AnsiConsole.Console);
}

var fresh = args.Contains("--fresh");
var outbox = new Outbox(Path.GetFullPath(args.FirstOrDefault(a => a != "--fresh") ?? "outbox"));
if (fresh)
{
    outbox.Clear();
}

// The calls, campaigns and do-not-contact list, deserialised straight into the library's records with FollowUpsJson's
// options (the file's own shape added, and comments allowed).
var json = new JsonSerializerOptions(FollowUpsJson.Options)
{
    TypeInfoResolverChain = { ReplayJsonContext.Default },
    ReadCommentHandling = JsonCommentHandling.Skip,
};
var replayPath = Path.Combine(AppContext.BaseDirectory, "calls.json");
var replay = JsonSerializer.Deserialize(File.ReadAllText(replayPath), (JsonTypeInfo<ReplayFile>)json.GetTypeInfo(typeof(ReplayFile)))
    ?? throw new InvalidDataException($"{replayPath} is empty.");

// The account-wide defaults are embedded (SampleAccount); a real host binds them from configuration. The clock is the replay's.
var services = new ServiceCollection();
services.AddSingleton<TimeProvider>(new ReplayClock(replay.Calls.Max(c => c.EndedAt)));
services.AddFollowUps(SampleAccount.Configure)
    .UseSqliteStore(outbox.Database)
    .UseSmsSender(_ => outbox)
    .AddPickupDirectoryEmail(outbox.EmailFolder, fromAddress: "dana@acme-dental.example");

await using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<IFollowUpEngine>();

var doNotContact = provider.GetRequiredService<ISuppressionList>();
foreach (var entry in replay.Suppressed)
{
    await doNotContact.AddAsync(entry.AccountId, entry.Kind, entry.Value);
    Console.WriteLine($"Do not contact: {entry.Kind} {entry.Value} (account {entry.AccountId})");
}

// A campaign editor validates settings when a user saves them; the engine checks them again on every call.
foreach (var (campaignId, settings) in replay.Campaigns)
{
    var validation = engine.ValidateCampaign(settings);
    if (!validation.IsValid)
    {
        Console.WriteLine($"Campaign {campaignId} has invalid settings: {validation}");
    }
    else if (validation.Warnings.Count > 0)
    {
        Console.WriteLine($"Campaign {campaignId} has warnings: {string.Join("; ", validation.Warnings)}");
    }
}

Console.WriteLine();
var reports = new List<FollowUpReport>();
foreach (var call in replay.Calls)
{
    var campaign = replay.Campaigns.TryGetValue(call.CampaignId ?? "", out var found)
        ? found
        : throw new InvalidDataException($"Call {call.CallId} names campaign '{call.CampaignId}', which {replayPath} does not define.");
    reports.Add(await engine.HandleCallCompletedAsync(call, campaign));
}

// Retries and follow-ups queued for later are the dispatcher's; without a generic host, run it by hand.
var dispatched = await provider.GetRequiredService<IFollowUpDispatcher>().RunOnceAsync();

ReportPrinter.PrintTable(Console.Out, reports);
Console.WriteLine();
ReportPrinter.PrintMessages(Console.Out, reports);

// The outbox as an operator sees it: each account's follow-ups by state, and one follow-up's history (the audit).
await OutboxPrinter.PrintAsync(Console.Out, provider.GetRequiredService<IFollowUpOperator>(), replay.Calls.Select(c => c.AccountId));
Console.WriteLine();

var outcomes = reports.SelectMany(r => r.Outcomes).ToList();
int Count(OutcomeStatus status) => outcomes.Count(o => o.Status == status);
Console.WriteLine($"{reports.Count} calls: {Count(OutcomeStatus.Sent)} sent, {Count(OutcomeStatus.Skipped)} skipped, {Count(OutcomeStatus.Failed)} failed; the dispatcher found {dispatched} due.");
Console.WriteLine($"Messages are written to {outbox.Folder}; the outbox database is {outbox.Database}.");
Console.WriteLine(fresh || Count(OutcomeStatus.Sent) > 0
    ? "Run again: the database remembers what was sent, so nothing goes twice. Pass --fresh to start afresh."
    : "Nothing was sent again: an earlier run sent these follow-ups. Pass --fresh to start afresh.");

// A failure here means an outbox sender could not write its file.
return Count(OutcomeStatus.Failed) == 0 ? 0 : 1;
