using FollowUps;
using FollowUps.Dispatch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Plugs senders and stores into FollowUps. Each call replaces an earlier registration of the same port.</summary>
public static class FollowUpsBuilderExtensions
{
    /// <summary>Uses <typeparamref name="TSender"/> to send SMS, as a singleton.</summary>
    /// <typeparam name="TSender">The sender.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseSmsSender<TSender>(this IFollowUpsBuilder builder)
        where TSender : class, ISmsSender
        => builder.Replace(ServiceDescriptor.Singleton<ISmsSender, TSender>());

    /// <summary>Uses the sender <paramref name="factory"/> makes to send SMS, as a singleton.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Makes the sender.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseSmsSender(this IFollowUpsBuilder builder, Func<IServiceProvider, ISmsSender> factory)
        => builder.Replace(ServiceDescriptor.Singleton(factory ?? throw new ArgumentNullException(nameof(factory))));

    /// <summary>Uses <typeparamref name="TSender"/> to send email, as a singleton.</summary>
    /// <typeparam name="TSender">The sender.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseEmailSender<TSender>(this IFollowUpsBuilder builder)
        where TSender : class, IEmailSender
        => builder.Replace(ServiceDescriptor.Singleton<IEmailSender, TSender>());

    /// <summary>Uses the sender <paramref name="factory"/> makes to send email, as a singleton.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Makes the sender.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseEmailSender(this IFollowUpsBuilder builder, Func<IServiceProvider, IEmailSender> factory)
        => builder.Replace(ServiceDescriptor.Singleton(factory ?? throw new ArgumentNullException(nameof(factory))));

    /// <summary>
    /// Uses <typeparamref name="TStore"/> as the outbox instead of the in-memory store, as a singleton, and as the
    /// do-not-contact list too when it is an <see cref="ISuppressionStore"/>.
    /// </summary>
    /// <typeparam name="TStore">The store.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseStore<TStore>(this IFollowUpsBuilder builder)
        where TStore : class, IFollowUpStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TStore>();
        return builder.UseStore(provider => provider.GetRequiredService<TStore>());
    }

    /// <summary>
    /// Uses the store <paramref name="factory"/> makes as the outbox instead of the in-memory store, as a singleton, and
    /// as the do-not-contact list too when it is an <see cref="ISuppressionStore"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Makes the store.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseStore(this IFollowUpsBuilder builder, Func<IServiceProvider, IFollowUpStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        builder.Replace(ServiceDescriptor.Singleton(factory));
        return builder.Services.Any(d => d.ServiceType == typeof(SuppressionStoreChosen))
            ? builder // The host chose its list with UseSuppressionStore: a store registered after it does not take its place.
            : builder.Replace(ServiceDescriptor.Singleton<ISuppressionStore>(provider =>
                provider.GetRequiredService<IFollowUpStore>() as ISuppressionStore ?? provider.GetRequiredService<InMemoryFollowUpStore>()));
    }

    /// <summary>
    /// Keeps the do-not-contact list in <typeparamref name="TStore"/> (say, the host's own), as a singleton, whatever
    /// store is registered for the outbox before or after.
    /// </summary>
    /// <typeparam name="TStore">The list's store.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseSuppressionStore<TStore>(this IFollowUpsBuilder builder)
        where TStore : class, ISuppressionStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<SuppressionStoreChosen>();
        return builder.Replace(ServiceDescriptor.Singleton<ISuppressionStore, TStore>());
    }

    /// <summary>
    /// Runs the dispatcher in the host (a hosted service): retries, follow-ups queued by
    /// <see cref="IFollowUpEngine.EnqueueCallCompletedAsync"/>, and those a crashed process left. Without the generic host,
    /// call <see cref="IFollowUpDispatcher.RunOnceAsync"/> instead. Calling it again is harmless.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddDispatcher(this IFollowUpsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FollowUpDispatcherService>());
        builder.Services.TryAddSingleton<DispatcherRegistration>();
        return builder;
    }

    /// <summary>
    /// Reads each account's settings from <typeparamref name="TAccounts"/> (a singleton) instead of giving every account
    /// the one <see cref="FollowUpOptions"/>: one host serves many accounts, each with its own brand and defaults. What it
    /// reads is cached and validated as <see cref="IFollowUpAccounts"/> says.
    /// </summary>
    /// <typeparam name="TAccounts">The accounts source.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseAccounts<TAccounts>(this IFollowUpsBuilder builder)
        where TAccounts : class, IFollowUpAccounts
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Replace(ServiceDescriptor.Singleton<IFollowUpAccounts, TAccounts>());
    }

    /// <summary>Reads each account's settings from the source <paramref name="factory"/> makes (a singleton); see <see cref="UseAccounts{TAccounts}"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Makes the accounts source.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseAccounts(this IFollowUpsBuilder builder, Func<IServiceProvider, IFollowUpAccounts> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return builder.Replace(ServiceDescriptor.Singleton(factory));
    }

    /// <summary>Registered by <see cref="UseSuppressionStore{TStore}"/>: the host chose where its list lives.</summary>
    private sealed class SuppressionStoreChosen;

    private static IFollowUpsBuilder Replace(this IFollowUpsBuilder builder, ServiceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(descriptor);
        return builder;
    }
}
