namespace FollowUps.Twilio;

/// <summary>
/// One webhook request from Twilio, framework-neutral: what <see cref="TwilioWebhooks"/> needs to check its signature
/// and read it. <c>MapTwilioWebhooks</c> (FollowUps.Twilio.AspNetCore) builds it from an ASP.NET Core request. Immutable.
/// </summary>
public sealed record TwilioWebhookRequest
{
    /// <summary>
    /// The full URL Twilio requested, as configured in Twilio (scheme, host, port when not the default, path and query),
    /// not the address a proxy forwarded to: the signature covers it.
    /// </summary>
    public required string Url { get; init; }

    /// <summary>Every form field of the POST body, decoded; the signature covers all of them.</summary>
    public required IReadOnlyDictionary<string, string> Form { get; init; }

    /// <summary>The <c>X-Twilio-Signature</c> header, or <see langword="null"/> when missing.</summary>
    public string? Signature { get; init; }

    /// <summary>The URL and the names of the form fields, for logs: never their values (phone numbers, message text) or the signature.</summary>
    /// <returns>Such as <c>https://acme.example/twilio/status (MessageSid, MessageStatus)</c>.</returns>
    public override string ToString() => $"{Url} ({string.Join(", ", Form.Keys)})";
}
