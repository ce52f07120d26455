namespace FollowUps.Accounts.Tests.Support;

/// <summary>
/// Sends each request the Twilio SDK makes to <c>api.twilio.com</c> to the loopback fake of the Twilio account its path
/// names (<c>/2010-04-01/Accounts/{sid}/…</c>), as if each account's messages lived on its own Twilio account; a request
/// for any other host or account fails the test. Twilio's SDK has no base-URL setting, so the test adds this handler to
/// the client, as any host can add its own.
/// </summary>
internal sealed class AccountSidRouter(IReadOnlyDictionary<string, Uri> fakes) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request without a URI.");
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (uri.Host != "api.twilio.com" || segments is not [_, "Accounts", var sid, ..] || !fakes.TryGetValue(sid, out var target))
        {
            throw new InvalidOperationException($"Tests may only call the Twilio accounts they fake, on loopback; this request went to {uri}.");
        }

        request.RequestUri = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
