using FollowUps;
using FollowUps.DependencyInjection;
using FollowUps.Smtp;
using FollowUps.Smtp.Delivery;
using FollowUps.Smtp.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends FollowUps' email over SMTP, or writes it into a folder during development.</summary>
public static class SmtpFollowUpsBuilderExtensions
{
    /// <summary>
    /// Sends email through an SMTP server with MailKit, replacing any email sender registered before. One connection is
    /// opened on the first send and reused; the settings are validated when the host starts, naming any wrong setting
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

    private static IFollowUpsBuilder Register(IFollowUpsBuilder builder)
    {
        builder.Services.AddOptions<SmtpEmailOptions>().ValidateOnStart();
        builder.Services.TryAddSingleton(new OptionsPath<SmtpEmailOptions>("FollowUps:Smtp"));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpEmailOptions>, SmtpEmailOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SmtpEmailSender>();
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
