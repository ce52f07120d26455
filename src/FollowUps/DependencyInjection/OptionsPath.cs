using Microsoft.Extensions.Configuration;

namespace FollowUps.DependencyInjection;

/// <summary>
/// Where <typeparamref name="TOptions"/> were bound from (such as <c>FollowUps:Twilio</c>, or <c>Tenants:Acme</c> when
/// bound from there), so start-up validation names each setting by the path the user wrote it under. Registered as a
/// singleton by the <c>AddX</c> methods; compiled into each package that validates options. Immutable.
/// </summary>
/// <typeparam name="TOptions">The options bound.</typeparam>
/// <param name="path">The configuration path; empty for the configuration's root.</param>
internal sealed class OptionsPath<TOptions>(string path)
    where TOptions : class
{
    /// <summary>What a setting's name starts with: the path and a colon, or nothing for the root.</summary>
    public string Prefix { get; } = path.Length == 0 ? string.Empty : path + ConfigurationPath.KeyDelimiter;

    /// <summary>The path of <paramref name="configuration"/>: a section's own, empty for a root.</summary>
    public static OptionsPath<TOptions> Of(IConfiguration configuration) =>
        new(configuration is IConfigurationSection section ? section.Path : string.Empty);
}
