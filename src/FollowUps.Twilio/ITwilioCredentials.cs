namespace FollowUps.Twilio;

/// <summary>
/// Gives the secrets a FollowUps account authenticates to Twilio with: asked for every request (each send, each
/// question about an unknown send) and every webhook's signature check, and never kept by FollowUps (not cached, not
/// logged, not stored). Register it with <c>AddTwilioSms&lt;TAccounts, TCredentials&gt;</c>; the default reads <see cref="TwilioSmsOptions"/>.
/// Implementations must be thread-safe and quick (cache in the host's secret store client, if needed).
/// </summary>
public interface ITwilioCredentials
{
    /// <summary>The credentials of <paramref name="accountId"/>'s Twilio account (<see cref="TwilioAccount.AccountSid"/>).</summary>
    /// <param name="accountId">The FollowUps account.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The credentials, or <see langword="null"/> when there are none: nothing is sent and no webhook is accepted.</returns>
    ValueTask<TwilioCredentials?> GetAsync(string accountId, CancellationToken cancellationToken);
}
