using FollowUps;
using FollowUps.PostgreSql;
using FollowUps.PostgreSql.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps FollowUps' outbox and do-not-contact list in PostgreSQL, shared by every host that uses the same database.</summary>
public static class PostgreSqlFollowUpsBuilderExtensions
{
    /// <summary>
    /// Keeps the outbox and the do-not-contact list in the PostgreSQL database <paramref name="connectionString"/> names
    /// (see <see cref="PostgreSqlFollowUpStore"/>), replacing the in-memory store for both. The schema is checked when the
    /// host starts: created when missing, upgraded when older, the host stopped when a newer, incompatible version made it.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UsePostgreSqlStore(this IFollowUpsBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSqlStore(options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Keeps the outbox and the do-not-contact list in PostgreSQL through a data source the host already has (its
    /// pooling, its credentials, its logging); the store does not dispose it.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="dataSource">The host's data source.</param>
    /// <param name="configure">Sets the schema and the rest; optional.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UsePostgreSqlStore(this IFollowUpsBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgreSqlStore(options =>
        {
            options.DataSource = dataSource;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Keeps the outbox and the do-not-contact list in PostgreSQL as <see cref="UsePostgreSqlStore(IFollowUpsBuilder, string)"/>
    /// does, with every setting; validated when the host starts. Calling it again only applies <paramref name="configure"/> again.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configure">Sets the connection string, the schema and the rest.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UsePostgreSqlStore(this IFollowUpsBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.AddOptions<PostgreSqlStoreOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsValidator>());
        builder.Services.TryAddSingleton(provider => new PostgreSqlFollowUpStore(
            provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value,
            provider.GetService<ILogger<PostgreSqlFollowUpStore>>(),
            provider.GetService<TimeProvider>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlStoreOpener>());
        return builder.UseStore(provider => provider.GetRequiredService<PostgreSqlFollowUpStore>());
    }
}
