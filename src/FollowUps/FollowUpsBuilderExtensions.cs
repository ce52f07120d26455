using FollowUps;
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

    /// <summary>Uses <typeparamref name="TStore"/> instead of the in-memory store, as a singleton.</summary>
    /// <typeparam name="TStore">The store.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseStore<TStore>(this IFollowUpsBuilder builder)
        where TStore : class, IFollowUpStore
        => builder.Replace(ServiceDescriptor.Singleton<IFollowUpStore, TStore>());

    /// <summary>Uses the store <paramref name="factory"/> makes instead of the in-memory store, as a singleton.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Makes the store.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder UseStore(this IFollowUpsBuilder builder, Func<IServiceProvider, IFollowUpStore> factory)
        => builder.Replace(ServiceDescriptor.Singleton(factory ?? throw new ArgumentNullException(nameof(factory))));

    private static IFollowUpsBuilder Replace(this IFollowUpsBuilder builder, ServiceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(descriptor);
        return builder;
    }
}
