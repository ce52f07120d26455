using System.Collections.Concurrent;

namespace FollowUps.Smtp.Tests.Support;

/// <summary>
/// The host's credentials: per account, one secret for a first ask and (for OAuth2) another when told the last was
/// refused; records every request.
/// </summary>
internal sealed class TestCredentials : ISmtpCredentials
{
    private readonly ConcurrentDictionary<string, (string First, string Fresh)> _secrets = new();

    public ConcurrentQueue<SmtpCredentialsRequest> Requests { get; } = new();

    /// <summary>Gives <paramref name="first"/> to a first ask and <paramref name="fresh"/> (default the same) once told it was refused.</summary>
    public void Set(string accountId, string first, string? fresh = null) => _secrets[accountId] = (first, fresh ?? first);

    public ValueTask<string> GetAsync(SmtpCredentialsRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var (first, fresh) = _secrets[request.AccountId];
        return ValueTask.FromResult(request.Refused ? fresh : first);
    }
}
