using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.PostgreSql.Tests.Processes.Children;

/// <summary>
/// An engine child: handles two call events for each of contacts 0 to CONTACTS-1 (so every one is a duplicate), in an
/// order of its own, four at a time, through <see cref="IFollowUpEngine.HandleCallCompletedAsync"/>, and prints each
/// outcome of each report as <c>OUTCOME CONTACT KIND STATUS REASON MESSAGE-ID</c> (<c>-</c> when none), then <c>DONE</c>.
/// </summary>
internal static class EngineChild
{
    public const string OutcomeWord = "OUTCOME";

    public static async Task RunAsync(ChildSettings settings, string account, int contacts)
    {
        using var http = new HttpClient { BaseAddress = settings.Provider, Timeout = TimeSpan.FromMinutes(5) };
        using var host = settings.BuildHost(http);
        await ChildSettings.StartAndWaitForGoAsync(host);

        var engine = host.Services.GetRequiredService<IFollowUpEngine>();
        var events = Enumerable.Range(0, 2 * contacts).OrderBy(_ => Random.Shared.Next()).ToArray();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (@event, cancellationToken) =>
        {
            var contact = @event % contacts;
            var call = ProcessCalls.Answered(account, contact, string.Create(CultureInfo.InvariantCulture, $"call-{settings.Name}-{@event}"));
            var report = await engine.HandleCallCompletedAsync(call, ProcessCalls.Campaign, cancellationToken);
            foreach (var outcome in report.Outcomes)
            {
                await Console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{OutcomeWord} {contact} {outcome.Kind} {outcome.Status} {outcome.Reason} {outcome.ProviderMessageId ?? "-"}"));
            }
        });

        await Console.Out.WriteLineAsync(ChildProcess.DoneLine);
        await Console.Out.FlushAsync();
        await host.StopAsync();
    }
}
