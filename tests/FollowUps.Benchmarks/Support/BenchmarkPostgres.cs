using FollowUps.PostgreSql.Tests.Support;

namespace FollowUps.Benchmarks.Support;

/// <summary>
/// The PostgreSQL a benchmark runs on: the one <c>FOLLOWUPS_POSTGRES</c> names, else a throwaway cluster started as the
/// PostgreSQL tests start theirs (fsync on), stopped when disposed or, should the benchmark process die first, when it exits.
/// </summary>
internal sealed class BenchmarkPostgres : IAsyncDisposable
{
    private readonly PostgresCluster? _cluster;

    private BenchmarkPostgres(string connectionString, PostgresCluster? cluster) => (ConnectionString, _cluster) = (connectionString, cluster);

    /// <summary>Its connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether it is the benchmark's own, so what it creates need not be dropped.</summary>
    public bool Throwaway => _cluster is not null;

    /// <summary>Finds or starts it; throws saying what is missing when neither can be done.</summary>
    public static async Task<BenchmarkPostgres> StartAsync()
    {
        var source = PostgresServerSource.Decide(Environment.GetEnvironmentVariable(PostgresServerSource.Variable), PostgresBinaries.Find());
        if (source.Problem is not null)
        {
            throw new InvalidOperationException(source.Problem);
        }

        if (source.ConnectionString is not null)
        {
            return new(source.ConnectionString, null);
        }

        var cluster = await PostgresCluster.StartNewAsync(source.BinDirectory);
        PostgresProcesses.StopWhenThisProcessExits(cluster);
        return new(cluster.ConnectionString, cluster);
    }

    public ValueTask DisposeAsync() => _cluster?.DisposeAsync() ?? ValueTask.CompletedTask;
}
