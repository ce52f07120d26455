using FollowUps;
using FollowUps.Twilio;
using FollowUps.Twilio.Delivery;
using FollowUps.Twilio.DependencyInjection;
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
    /// client of <c>IHttpClientFactory</c>, so you can add handlers to it. Calling it again only applies
    /// <paramref name="configure"/> again.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configure">Sets the account, such as <c>o =&gt; config.GetSection("FollowUps:Twilio").Bind(o)</c>.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddTwilioSms(this IFollowUpsBuilder builder, Action<TwilioSmsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var services = builder.Services;
        services.AddOptions<TwilioSmsOptions>().Configure(configure).ValidateOnStart();
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
