using Microsoft.Extensions.Hosting;

namespace FollowUps.PostgreSql.DependencyInjection;

/// <summary>
/// Opens the PostgreSQL store when the host starts, so a database it cannot use (unreachable, a newer incompatible
/// schema, a schema the host's migrations have not created) stops the host at start-up with its reason, instead of
/// failing the first call.
/// </summary>
/// <param name="store">The registered store.</param>
internal sealed class PostgreSqlStoreOpener(PostgreSqlFollowUpStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.OpenAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
