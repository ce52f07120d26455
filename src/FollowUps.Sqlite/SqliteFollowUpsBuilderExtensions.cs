using FollowUps;
using FollowUps.Sqlite;
using FollowUps.Sqlite.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps FollowUps' outbox and do-not-contact list in a SQLite file.</summary>
public static class SqliteFollowUpsBuilderExtensions
{
    /// <summary>
    /// Keeps the outbox and the do-not-contact list in the SQLite file at <paramref name="path"/> (see
    /// <see cref="SqliteFollowUpStore"/>), replacing the in-memory store for both. The file is opened when the host
    /// starts: created when new, its schema upgraded when older, the host stopped when a newer, incompatible version made it.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="path">The database file, such as <c>followups.db</c>; relative to the current directory.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseSqliteStore(this IFollowUpsBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.UseSqliteStore(options => options.Path = path);
    }

    /// <summary>
    /// Keeps the outbox and the do-not-contact list in a SQLite file as <see cref="UseSqliteStore(IFollowUpsBuilder, string)"/>
    /// does, with every setting; validated when the host starts. Calling it again only applies <paramref name="configure"/> again.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configure">Sets the file, the busy timeout and the durability of a commit (<see cref="SqliteStoreOptions.Synchronous"/>).</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseSqliteStore(this IFollowUpsBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.AddOptions<SqliteStoreOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        builder.Services.TryAddSingleton(provider => new SqliteFollowUpStore(
            provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            provider.GetService<ILogger<SqliteFollowUpStore>>(),
            provider.GetService<TimeProvider>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteStoreOpener>());
        return builder.UseStore(provider => provider.GetRequiredService<SqliteFollowUpStore>());
    }
}
