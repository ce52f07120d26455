using System.Collections.Concurrent;

namespace FollowUps.Twilio.Tests.Support;

/// <summary>
/// Sends every request the SDK makes to Twilio's API (<c>https://api.twilio.com</c>, or a region's and edge's host such
/// as <c>api.dublin.ie1.twilio.com</c>) to the loopback server instead, keeping path and query, and notes in
/// <paramref name="hosts"/> the host the SDK built: Twilio's SDK has no base-URL setting, so tests add this handler to
/// the client, as any user can add theirs.
/// </summary>
internal sealed class LoopbackRedirectHandler(Uri target, ConcurrentQueue<string>? hosts = null) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } uri || !(uri.Host == "api.twilio.com" || (uri.Host.StartsWith("api.", StringComparison.Ordinal) && uri.Host.EndsWith(".twilio.com", StringComparison.Ordinal))))
        {
            throw new InvalidOperationException($"Tests may only call Twilio's API, through the loopback server; this request went to {request.RequestUri}.");
        }

        hosts?.Enqueue(uri.Host);
        request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
