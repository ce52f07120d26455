namespace FollowUps.Twilio.Delivery;

/// <summary>
/// The first handler of the Twilio HTTP client: cancels the request with the caller's token, notes when the body starts
/// to go out, and records the answer's HTTP status and <c>Retry-After</c> header, all in the current <see cref="TwilioCall"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Handlers a host adds to the client run inside this one. Do not add a handler that retries: Twilio has no idempotency
/// key for messages, so a retried request can send the SMS twice.
/// </remarks>
internal sealed class TwilioCallHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (TwilioCall.Current is not { } call)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        if (request.Content is { } content)
        {
            request.Content = new ObservedContent(content, call);
        }

        var response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        call.Status = response.StatusCode;
        call.RetryAfter = response.Headers.RetryAfter;
        return response;
    }

    /// <summary>The request body as it was, telling the call when it starts to be written.</summary>
    private sealed class ObservedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly TwilioCall _call;

        public ObservedContent(HttpContent inner, TwilioCall call)
        {
            (_inner, _call) = (inner, call);
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            _call.BodyStarted = true;
            return _inner.CopyToAsync(stream, context, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
