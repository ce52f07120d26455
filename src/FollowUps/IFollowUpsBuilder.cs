using Microsoft.Extensions.DependencyInjection;

namespace FollowUps;

/// <summary>
/// Returned by <c>services.AddFollowUps(...)</c>; adapter packages add their registrations to it
/// (<c>.AddTwilioSms(...)</c>, <c>.AddSmtpEmail(...)</c>).
/// </summary>
public interface IFollowUpsBuilder
{
    /// <summary>The service collection FollowUps is registered in.</summary>
    IServiceCollection Services { get; }
}
