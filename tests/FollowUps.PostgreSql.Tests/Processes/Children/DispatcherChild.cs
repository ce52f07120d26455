using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUps.PostgreSql.Tests.Processes.Children;

/// <summary>
/// A dispatcher child: runs <see cref="IFollowUpDispatcher.RunOnceAsync"/> in a loop (four sends at a time, batches of
/// eight, leases of LEASE-SECONDS), pausing 50 ms after an empty batch, until the test writes <c>stop</c> or closes its
/// standard input; prints <c>LEASED N</c> after each batch that held any (for a failing test's message), then <c>DONE</c>.
/// </summary>
internal static class DispatcherChild
{
    public const string LeasedWord = "LEASED";

    public static async Task RunAsync(ChildSettings settings, TimeSpan lease)
    {
        using var http = new HttpClient { BaseAddress = settings.Provider, Timeout = TimeSpan.FromMinutes(5) };
        using var host = settings.BuildHost(http, services => services.Configure<FollowUpDeliveryOptions>(options =>
        {
            options.LeaseDuration = lease;
            options.DispatchConcurrency = 4;
            options.DispatchBatchSize = 8;
            options.DispatchPerAccount = 8; // One account's retries: a batch of twice the concurrency, all of it.
        }));
        await ChildSettings.StartAndWaitForGoAsync(host);

        using var stop = new CancellationTokenSource();
        var stopping = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is { } line && line != ChildProcess.StopLine)
            {
            }

            await stop.CancelAsync();
        });

        var dispatcher = host.Services.GetRequiredService<IFollowUpDispatcher>();
        while (!stop.IsCancellationRequested)
        {
            var leased = await dispatcher.RunOnceAsync();
            if (leased > 0)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{LeasedWord} {leased}"));
                continue;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await stopping;
        await Console.Out.WriteLineAsync(ChildProcess.DoneLine);
        await Console.Out.FlushAsync();
        await host.StopAsync();
    }
}
