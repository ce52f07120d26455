using FollowUps;
using FollowUps.DependencyInjection;
using FollowUps.Smtp;
using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.DependencyInjection;
using FollowUps.Smtp.Mailboxes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends FollowUps' email over SMTP, or writes it into a folder during development.</summary>
public static class SmtpFollowUpsBuilderExtensions
{
    /// <summary>
    /// Sends email through an SMTP server with MailKit, replacing any email sender registered before; every account sends
    /// from this one mailbox. Connections are opened when needed and reused (see <see cref="SmtpEmailOptions.MaxConnectionsPerMailbox"/>); the settings are validated when the host starts, naming any wrong setting
    /// as <c>FollowUps:Smtp:Host</c>, the conventional section, unless a section was bound with
    /// <see cref="AddSmtpEmail(IFollowUpsBuilder, IConfiguration)"/>. Calling it again only applies
    /// <paramref name="configure"/> again.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configure">
    /// Sets the server and mailbox, such as <c>o =&gt; o.UseGmail("me@example.com").Password = appPassword</c>.
    /// </param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddSmtpEmail(this IFollowUpsBuilder builder, Action<SmtpEmailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.AddOptions<SmtpEmailOptions>().Configure(configure);
        return Register(builder);
    }

    /// <summary>
    /// Sends email over SMTP as <see cref="AddSmtpEmail(IFollowUpsBuilder, Action{SmtpEmailOptions})"/> does, with the
    /// settings bound from <paramref name="configuration"/>, such as <c>builder.Configuration.GetSection("FollowUps:Smtp")</c>,
    /// and bound again when it reloads. Validation messages name each setting by that section's path (such as
    /// <c>FollowUps:Smtp:Host is required.</c>). Settings configuration cannot hold (<see cref="SmtpEmailOptions.AccessTokenProvider"/>,
    /// <see cref="SmtpEmailOptions.ServerCertificateValidation"/>) are set with a later call of the other overload.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configuration">The section holding <see cref="SmtpEmailOptions"/>' settings, by name.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddSmtpEmail(this IFollowUpsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);

        builder.Services.AddOptions<SmtpEmailOptions>().Bind(configuration);
        builder.Services.Replace(ServiceDescriptor.Singleton(OptionsPath<SmtpEmailOptions>.Of(configuration)));
        return Register(builder);
    }

    /// <summary>
    /// Sends each account's email from its own mailbox, for a host serving many accounts: <typeparamref name="TMailboxes"/>
    /// says which mailbox (server, From address, user, how it logs in) an account sends from, and
    /// <typeparamref name="TCredentials"/> gives its password or OAuth2 access token when a connection logs in (both
    /// registered as singletons). Replaces any email sender registered before. <paramref name="configure"/> sets what
    /// every mailbox's connections follow: the pool (<see cref="SmtpEmailOptions.MaxConnectionsPerMailbox"/>,
    /// <see cref="SmtpEmailOptions.MaxConnections"/>, <see cref="SmtpEmailOptions.MaxMailboxWait"/>),
    /// <see cref="SmtpEmailOptions.Timeout"/>, <see cref="SmtpEmailOptions.AuthenticationRetryDelay"/> and
    /// <see cref="SmtpEmailOptions.ServerCertificateValidation"/>; its mailbox settings are not used.
    /// </summary>
    /// <typeparam name="TMailboxes">The host's <see cref="ISmtpMailboxes"/>.</typeparam>
    /// <typeparam name="TCredentials">The host's <see cref="ISmtpCredentials"/>.</typeparam>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="configure">Sets the pool and connection settings, such as <c>o =&gt; o.MaxConnectionsPerMailbox = 3</c>.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddSmtpEmail<TMailboxes, TCredentials>(this IFollowUpsBuilder builder, Action<SmtpEmailOptions> configure)
        where TMailboxes : class, ISmtpMailboxes
        where TCredentials : class, ISmtpCredentials
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.AddOptions<SmtpEmailOptions>().Configure(configure);
        return AddSmtpEmail<TMailboxes, TCredentials>(builder);
    }

    /// <summary>
    /// Sends each account's email from its own mailbox, as
    /// <see cref="AddSmtpEmail{TMailboxes, TCredentials}(IFollowUpsBuilder, Action{SmtpEmailOptions})"/> does, with the
    /// default pool and connection settings (or those set by another call).
    /// </summary>
    /// <typeparam name="TMailboxes">The host's <see cref="ISmtpMailboxes"/>.</typeparam>
    /// <typeparam name="TCredentials">The host's <see cref="ISmtpCredentials"/>.</typeparam>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddSmtpEmail<TMailboxes, TCredentials>(this IFollowUpsBuilder builder)
        where TMailboxes : class, ISmtpMailboxes
        where TCredentials : class, ISmtpCredentials
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.Replace(ServiceDescriptor.Singleton<ISmtpMailboxes, TMailboxes>());
        builder.Services.Replace(ServiceDescriptor.Singleton<ISmtpCredentials, TCredentials>());
        builder.Services.TryAddSingleton<PerAccountMailboxes>();
        return Register(builder);
    }

    private static IFollowUpsBuilder Register(IFollowUpsBuilder builder)
    {
        builder.Services.AddOptions<SmtpEmailOptions>().ValidateOnStart();
        builder.Services.TryAddSingleton(new OptionsPath<SmtpEmailOptions>("FollowUps:Smtp"));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpEmailOptions>, SmtpEmailOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ISmtpMailboxes, OptionsMailboxes>();
        builder.Services.TryAddSingleton<ISmtpCredentials, OptionsCredentials>();
        builder.Services.TryAddSingleton(services => new SmtpEmailSender(
            services.GetRequiredService<IOptions<SmtpEmailOptions>>(),
            services.GetRequiredService<ISmtpMailboxes>(),
            services.GetRequiredService<ISmtpCredentials>(),
            services.GetRequiredService<IOptions<FollowUpAccountsOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<SmtpEmailSender>>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IFollowUpAccountListener, SmtpEmailSender>(services => services.GetRequiredService<SmtpEmailSender>()));
        return builder.UseEmailSender(services => services.GetRequiredService<SmtpEmailSender>());
    }

    /// <summary>
    /// For development: writes every email as an <c>.eml</c> file into <paramref name="folder"/> instead of sending it
    /// (see <see cref="PickupDirectoryEmailSender"/>), replacing any email sender registered before.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFollowUps</c>.</param>
    /// <param name="folder">The folder to write into; created when missing.</param>
    /// <param name="fromAddress">The address in the From header.</param>
    /// <returns>The builder.</returns>
    public static IFollowUpsBuilder AddPickupDirectoryEmail(this IFollowUpsBuilder builder, string folder, string fromAddress = "followups@localhost")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(fromAddress);

        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder.UseEmailSender(services => new PickupDirectoryEmailSender(folder, fromAddress, services.GetRequiredService<TimeProvider>()));
    }
}
