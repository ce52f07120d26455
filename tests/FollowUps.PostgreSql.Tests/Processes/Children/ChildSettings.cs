using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FollowUps.PostgreSql.Tests.Processes.Children;

/// <summary>What every child is given: the database and its schema, the fake provider, and the child's name (sent with each request).</summary>
internal sealed record ChildSettings(string ConnectionString, string Schema, Uri Provider, string Name)
{
    /// <summary>
    /// A host running FollowUps as a production host would: <c>AddFollowUps</c>, <c>UsePostgreSqlStore</c> with the
    /// store's defaults (the schema managed, the database's clock), the child's <see cref="ProviderSender"/> for SMS and
    /// email; warnings and errors logged to standard error.
    /// </summary>
    public IHost BuildHost(HttpClient http, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        var sender = new ProviderSender(http, Name);
        builder.Services.AddFollowUps(ProcessCalls.Account)
            .UsePostgreSqlStore(options =>
            {
                options.ConnectionString = ConnectionString;
                options.Schema = Schema;
            })
            .UseSmsSender(_ => sender)
            .UseEmailSender(_ => sender);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Starts <paramref name="host"/>, prints <c>READY</c>, and returns when the test writes <c>go</c>.</summary>
    public static async Task StartAndWaitForGoAsync(IHost host)
    {
        await host.StartAsync();
        await Console.Out.WriteLineAsync(ChildProcess.ReadyLine);
        await Console.Out.FlushAsync();
        while (await Console.In.ReadLineAsync() is { } line && line != ChildProcess.GoLine)
        {
        }
    }
}
