namespace FollowUps.Twilio.Delivery;

/// <summary>
/// The first handler of the Twilio HTTP client: cancels the request with the caller's token and records the answer's
/// HTTP status in the current <see cref="TwilioCall"/>. Thread-safe.
/// </summary>
internal sealed class TwilioCallHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (TwilioCall.Current is not { } call)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        var response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        call.Status = response.StatusCode;
        return response;
    }
}
