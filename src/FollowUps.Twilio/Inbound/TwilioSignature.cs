using Twilio.Security;

namespace FollowUps.Twilio.Inbound;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with the SDK's validator: HMAC-SHA1, keyed with the auth token, of the URL followed by
/// every form field's name and value sorted by name, in base64. A missing or empty signature is invalid. Thread-safe.
/// </summary>
internal static class TwilioSignature
{
    public static bool IsValid(string authToken, TwilioWebhookRequest request)
    {
        if (string.IsNullOrEmpty(request.Signature) || string.IsNullOrEmpty(request.Url))
        {
            return false;
        }

        var form = request.Form as IDictionary<string, string> ?? new Dictionary<string, string>(request.Form, StringComparer.Ordinal);
        return new RequestValidator(authToken).Validate(request.Url, form, request.Signature);
    }
}
