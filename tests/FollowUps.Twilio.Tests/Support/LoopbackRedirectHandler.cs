namespace FollowUps.Twilio.Tests.Support;

/// <summary>
/// Sends every request the SDK makes to <c>https://api.twilio.com</c> to the loopback server instead, keeping path and
/// query: Twilio's SDK has no base-URL setting, so tests add this handler to the client, as any user can add theirs.
/// </summary>
internal sealed class LoopbackRedirectHandler(Uri target) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { Host: "api.twilio.com" } uri)
        {
            throw new InvalidOperationException($"Tests may only call Twilio's API, through the loopback server; this request went to {request.RequestUri}.");
        }

        request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
