using Microsoft.Extensions.Hosting;

namespace FollowUps.Sqlite.DependencyInjection;

/// <summary>
/// Opens the SQLite store when the host starts, so a file it cannot use (a newer, incompatible schema; an unwritable
/// folder) stops the host at start-up with its reason, instead of failing the first call.
/// </summary>
/// <param name="store">The registered store.</param>
internal sealed class SqliteStoreOpener(SqliteFollowUpStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.OpenAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
