using System.Net;
using System.Net.Http.Headers;

namespace FollowUps.Twilio.Delivery;

/// <summary>
/// What one send needs from the HTTP pipeline that Twilio's SDK does not pass through: the caller's cancellation
/// token (the SDK takes none) going in, and the HTTP status and <c>Retry-After</c> header coming out (the SDK reports 0
/// for an answer that is not Twilio's JSON, and passes no header on). Flows with the async call; <see cref="TwilioCallHandler"/> reads and fills it.
/// </summary>
internal sealed class TwilioCall : IDisposable
{
    private static readonly AsyncLocal<TwilioCall?> Ambient = new();
    private readonly TwilioCall? _outer;

    private TwilioCall(CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
        _outer = Ambient.Value;
        Ambient.Value = this;
    }

    /// <summary>The send under way on this async flow, or <see langword="null"/>.</summary>
    public static TwilioCall? Current => Ambient.Value;

    public CancellationToken CancellationToken { get; }

    /// <summary>The HTTP status of Twilio's answer, once one came.</summary>
    public HttpStatusCode? Status { get; set; }

    /// <summary>The answer's <c>Retry-After</c> header, when it had a readable one.</summary>
    public RetryConditionHeaderValue? RetryAfter { get; set; }

    /// <summary>
    /// Whether the request's body began to go out. Until it does, Twilio cannot have created a message: an HTTP/1.1 POST
    /// without <c>Expect: 100-continue</c> writes nothing before its body, so any failure before is "never left".
    /// </summary>
    public bool BodyStarted { get; set; }

    public static TwilioCall Begin(CancellationToken cancellationToken) => new(cancellationToken);

    public void Dispose() => Ambient.Value = _outer;
}
