using FollowUps;
using FollowUps.Accounts;
using FollowUps.Delivery;
using FollowUps.DependencyInjection;
using FollowUps.Dispatch;
using FollowUps.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FollowUps in a service collection.</summary>
public static class FollowUpsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the follow-up engine, its dispatcher (<c>.AddDispatcher()</c> runs it in the host), the do-not-contact
    /// list, and the in-memory store as the default outbox and list, with the
    /// account-wide defaults (<see cref="FollowUpOptions"/>) set elsewhere: by another call of this method, or by
    /// <c>services.Configure&lt;FollowUpOptions&gt;(...)</c>. Nothing is read from configuration unless a section is
    /// passed to <see cref="AddFollowUps(IServiceCollection, IConfiguration)"/>. The options are validated when the host
    /// starts. Calling it again is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add adapters to.</returns>
    public static IFollowUpsBuilder AddFollowUps(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<FollowUpOptions>().ValidateOnStart();
        services.TryAddSingleton(new OptionsPath<FollowUpOptions>("FollowUps"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpOptionsAttributeValidator>());
        services.AddOptions<FollowUpDeliveryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpDeliveryOptions>, FollowUpDeliveryOptionsValidator>());
        services.AddOptions<FollowUpAccountsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpAccountsOptions>, FollowUpAccountsOptionsValidator>());
        services.TryAddSingleton<IFollowUpAccounts, OptionsAccounts>();
        services.TryAddSingleton(provider => new AccountSenders(provider.GetService<ISmsSender>(), provider.GetService<IEmailSender>(), provider));
        services.TryAddSingleton<AccountDirectory>();
        services.TryAddSingleton<IFollowUpAccountCache>(provider => provider.GetRequiredService<AccountDirectory>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryFollowUpStore>();
        services.TryAddSingleton<IFollowUpStore>(provider => provider.GetRequiredService<InMemoryFollowUpStore>());
        services.TryAddSingleton<ISuppressionStore>(provider => provider.GetRequiredService<InMemoryFollowUpStore>());
        services.TryAddSingleton<ISuppressionList, SuppressionList>();
        services.TryAddSingleton<IFollowUpEngine, FollowUpEngine>();
        services.TryAddSingleton<FollowUpDispatcher>();
        services.TryAddSingleton<IFollowUpDispatcher>(provider => provider.GetRequiredService<FollowUpDispatcher>());
        services.TryAddSingleton<IFollowUpOperator, FollowUpOperator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DispatcherCheck>());
        return new FollowUpsBuilder(services);
    }

    /// <summary>
    /// Registers FollowUps as <see cref="AddFollowUps(IServiceCollection)"/> does, with the account-wide defaults set by
    /// <paramref name="configure"/>. Validation messages name each setting as <c>FollowUps:BrandName</c>, the
    /// conventional section, unless a section was bound. Calling it again only applies <paramref name="configure"/> again.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the account-wide defaults, such as <c>o =&gt; o.BrandName = "Acme Dental"</c>.</param>
    /// <returns>A builder to add adapters to.</returns>
    public static IFollowUpsBuilder AddFollowUps(this IServiceCollection services, Action<FollowUpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<FollowUpOptions>().Configure(configure);
        return services.AddFollowUps();
    }

    /// <summary>
    /// Registers FollowUps as <see cref="AddFollowUps(IServiceCollection)"/> does, with the account-wide defaults bound
    /// from <paramref name="configuration"/>, such as <c>builder.Configuration.GetSection("FollowUps")</c>, and bound
    /// again when it reloads. Validation messages name each setting by that section's path (such as
    /// <c>FollowUps:BrandName is required.</c>). A later <see cref="AddFollowUps(IServiceCollection, Action{FollowUpOptions})"/>
    /// overrides single values in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="FollowUpOptions"/>' settings, by name.</param>
    /// <returns>A builder to add adapters to.</returns>
    public static IFollowUpsBuilder AddFollowUps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<FollowUpOptions>().Bind(configuration);
        services.Replace(ServiceDescriptor.Singleton(OptionsPath<FollowUpOptions>.Of(configuration)));
        return services.AddFollowUps();
    }
}
