using FollowUps;
using FollowUps.DependencyInjection;
using FollowUps.Twilio;
using FollowUps.Twilio.Accounts;
using FollowUps.Twilio.Delivery;
using FollowUps.Twilio.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends FollowUps' SMS through Twilio and handles Twilio's webhooks.</summary>
public static class TwilioFollowUpsBuilderExtensions
{
    /// <summary>
    /// Sends SMS through Twilio's Messages API, replacing any SMS sender registered before, and registers
    /// <see cref="TwilioWebhooks"/> for inbound replies and delivery status callbacks. The settings are validated when
    /// the host starts, naming any wrong setting. Requests go through the <see cref="TwilioSmsOptions.HttpClientName"/>
    /// client of <c>IHttpClientFactory</c>, so you can add handlers to it. Validation messages name each setting as
    /// <c>FollowUps:Twilio:AccountSid</c>, the conventional section, unless a section was bound with
    /// <see cref="AddTwilioSms(IFollowUpsBuilder, IConfiguration)"/>. Calling it again only applies
    /// <paramref name="configure"/> again.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configure">Sets the account, such as <c>o =&gt; o.AuthToken = authToken</c>.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddTwilioSms(this IFollowUpsBuilder builder, Action<TwilioSmsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.AddOptions<TwilioSmsOptions>().Configure(configure);
        return Register(builder);
    }

    /// <summary>
    /// Sends SMS through Twilio as <see cref="AddTwilioSms(IFollowUpsBuilder, Action{TwilioSmsOptions})"/> does, with the
    /// settings bound from <paramref name="configuration"/>, such as <c>builder.Configuration.GetSection("FollowUps:Twilio")</c>,
    /// and bound again when it reloads. Validation messages name each setting by that section's path (such as
    /// <c>FollowUps:Twilio:AccountSid is required.</c>). Keep the auth token and API key secret in a secret store that
    /// feeds the same section (user secrets, environment variables, a vault), or set them with a later call of the
    /// other overload.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configuration">The section holding <see cref="TwilioSmsOptions"/>' settings, by name.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddTwilioSms(this IFollowUpsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);

        builder.Services.AddOptions<TwilioSmsOptions>().Bind(configuration);
        builder.Services.Replace(ServiceDescriptor.Singleton(OptionsPath<TwilioSmsOptions>.Of(configuration)));
        return Register(builder);
    }

    /// <summary>
    /// Sends each account's SMS with its own Twilio settings and credentials: <typeparamref name="TAccounts"/> gives an
    /// account's Twilio account (or subaccount under the platform's main one), number or Messaging Service, region, edge
    /// and status callback URL; <typeparamref name="TCredentials"/> its auth token or API key, asked for each request and
    /// webhook and never kept. Both are singletons the host implements. Settings read are validated (an unknown or invalid
    /// account sends nothing and is tried again later) and kept for <see cref="FollowUpAccountsOptions.CacheLifetime"/>,
    /// or until <see cref="IFollowUpAccountCache.InvalidateAccountAsync"/>. <paramref name="configure"/> sets what every
    /// account shares (timeouts, validity period, cool-down, webhook base URL); its account, credential and sender
    /// settings are not used.
    /// </summary>
    /// <typeparam name="TAccounts">The accounts' Twilio settings.</typeparam>
    /// <typeparam name="TCredentials">The accounts' Twilio credentials.</typeparam>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configure">Sets what every account shares, such as <c>o =&gt; o.WebhookBaseUrl = "https://acme.example"</c>.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddTwilioSms<TAccounts, TCredentials>(this IFollowUpsBuilder builder, Action<TwilioSmsOptions> configure)
        where TAccounts : class, ITwilioAccounts
        where TCredentials : class, ITwilioCredentials
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<TwilioSmsOptions>().Configure(configure);
        return AddTwilioSms<TAccounts, TCredentials>(builder);
    }

    /// <summary>
    /// Sends each account's SMS with its own Twilio settings and credentials, as
    /// <see cref="AddTwilioSms{TAccounts, TCredentials}(IFollowUpsBuilder, Action{TwilioSmsOptions})"/> does, with the
    /// default shared settings (or those set by another call).
    /// </summary>
    /// <typeparam name="TAccounts">The accounts' Twilio settings.</typeparam>
    /// <typeparam name="TCredentials">The accounts' Twilio credentials.</typeparam>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddTwilioSms<TAccounts, TCredentials>(this IFollowUpsBuilder builder)
        where TAccounts : class, ITwilioAccounts
        where TCredentials : class, ITwilioCredentials
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ITwilioAccounts, TAccounts>());
        builder.Services.Replace(ServiceDescriptor.Singleton<ITwilioCredentials, TCredentials>());
        builder.Services.TryAddSingleton<TwilioAccountsChosen>();
        return Register(builder);
    }

    private static IFollowUpsBuilder Register(IFollowUpsBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<ITwilioAccounts, OptionsTwilioAccounts>();
        services.TryAddSingleton<ITwilioCredentials, OptionsTwilioCredentials>();
        services.TryAddSingleton<TwilioAccountDirectory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFollowUpAccountListener, TwilioAccountDirectory>(provider => provider.GetRequiredService<TwilioAccountDirectory>()));
        services.AddOptions<TwilioSmsOptions>().ValidateOnStart();
        services.TryAddSingleton(new OptionsPath<TwilioSmsOptions>("FollowUps:Twilio"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioSmsOptions>, TwilioSmsOptionsValidator>());
        services.TryAddTransient<TwilioCallHandler>();
        services.AddHttpClient(TwilioSmsOptions.HttpClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptionsMonitor<TwilioSmsOptions>>().CurrentValue.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectTimeout = provider.GetRequiredService<IOptionsMonitor<TwilioSmsOptions>>().CurrentValue.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddHttpMessageHandler<TwilioCallHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TwilioSmsSender>();
        services.TryAddSingleton<TwilioWebhooks>();
        return builder.UseSmsSender(provider => provider.GetRequiredService<TwilioSmsSender>());
    }
}
