using Microsoft.Extensions.Options;

namespace FollowUps.Smtp.Mailboxes;

/// <summary>
/// The single-mailbox setup's secret: <see cref="SmtpEmailOptions.Password"/>, or a token from
/// <see cref="SmtpEmailOptions.AccessTokenProvider"/> (asked again, as any login, after a refused token).
/// </summary>
/// <param name="options">The registered settings.</param>
internal sealed class OptionsCredentials(IOptions<SmtpEmailOptions> options) : ISmtpCredentials
{
    public ValueTask<string> GetAsync(SmtpCredentialsRequest request, CancellationToken cancellationToken)
        => options.Value.AccessTokenProvider is { } tokens ? tokens(cancellationToken) : ValueTask.FromResult(options.Value.Password ?? string.Empty);
}
