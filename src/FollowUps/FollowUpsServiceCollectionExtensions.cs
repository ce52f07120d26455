using FollowUps;
using FollowUps.Delivery;
using FollowUps.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FollowUps in a service collection.</summary>
public static class FollowUpsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the follow-up engine, the do-not-contact list, and the in-memory store as the default store.
    /// The options are validated when the host starts. Calling it again only applies <paramref name="configure"/> again.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the account-wide defaults; optional when they are bound from configuration.</param>
    /// <returns>A builder to add adapters to.</returns>
    public static IFollowUpsBuilder AddFollowUps(this IServiceCollection services, Action<FollowUpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<FollowUpOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpOptionsAttributeValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFollowUpStore, InMemoryFollowUpStore>();
        services.TryAddSingleton<ISuppressionList, SuppressionList>();
        services.TryAddSingleton<IFollowUpEngine, FollowUpEngine>();
        return new FollowUpsBuilder(services);
    }
}
